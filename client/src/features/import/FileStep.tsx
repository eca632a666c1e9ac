/** Step 1: choose a file; it is read in the browser (core/io/read-import-file.ts). */
import { Alert, Descriptions, Spin, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_FILE_EXTENSIONS, type ImportTable } from '../../../../core/io/read-import-file';

export interface FileStepProps {
  fileName: string | null;
  table: ImportTable | null;
  reading: boolean;
  error: string | null;
  onFile(file: File): void;
}

export function FileStep({ fileName, table, reading, error, onFile }: FileStepProps) {
  const { t } = useTranslation();
  const geometryErrors = table ? table.rows.filter((r) => r.geometryError !== null).length : 0;
  return (
    <div className="atlas-import-step" data-testid="import-step-file">
      <Upload.Dragger
        accept={IMPORT_FILE_EXTENSIONS.join(',')}
        multiple={false}
        showUploadList={false}
        disabled={reading}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
      >
        <p className="atlas-import-drop-title">{t('import.fileDrop')}</p>
        <p className="atlas-import-drop-hint">{t('import.fileHint')}</p>
      </Upload.Dragger>
      {reading ? (
        <div className="atlas-import-reading">
          <Spin size="small" /> {t('import.reading', { fileName })}
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon title={t('import.readFailed')} description={error} data-testid="import-error" /> : null}
      {table && !reading ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          className="atlas-import-file-info"
          data-testid="import-file-info"
          items={[
            { key: 'file', label: fileName, children: t('import.fileSummary', { rows: table.rows.length, columns: table.columns.length }) },
            { key: 'format', label: t('import.format'), children: table.format },
            ...(table.encoding ? [{ key: 'encoding', label: t('import.encoding'), children: table.encoding }] : []),
            ...(table.geometryColumn ? [{ key: 'geometry', label: t('import.geometryColumn'), children: table.geometryColumn }] : []),
          ]}
        />
      ) : null}
      {table && geometryErrors > 0 ? <Alert type="warning" showIcon title={t('import.geometryErrors', { count: geometryErrors })} /> : null}
    </div>
  );
}
