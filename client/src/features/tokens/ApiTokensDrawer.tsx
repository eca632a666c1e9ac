/**
 * The user's personal API tokens, for QGIS, GDAL and scripts: create one (its secret is shown
 * once, with how to use it), see the others by name, prefix and last use, revoke any. A token reads
 * what its user may read and cannot write.
 */
import { Alert, App as AntApp, Button, Popconfirm, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, fetchApiTokens, revokeApiToken, type ApiTokenRecord, type CreatedApiToken } from '../../api';
import { AdminDrawer } from '../../shared/AdminDrawer';
import { formatDateTime } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { CreateTokenForm } from './CreateTokenForm';
import { tokenPhrases, tokenWord } from './token-words';
import './tokens.css';

const DRAWER_WIDTH_PX = 760;

/** Credentials sent over plain HTTP can be read on the way, except to this machine itself. */
function isPlainHttpBeyondLocalhost(): boolean {
  return window.location.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
}

export function ApiTokensDrawer({ onClose }: { onClose(): void }) {
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const [tokens, setTokens] = useState<ApiTokenRecord[] | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const wording = (error: unknown) => (error instanceof ApiError ? error.messageIn(language) : String(error));
  const reload = () =>
    fetchApiTokens()
      .then((list) => {
        setTokens(list);
        setLoadError(null);
      })
      .catch(setLoadError);
  useEffect(() => void reload(), []);

  const revoke = async (token: ApiTokenRecord) => {
    try {
      await revokeApiToken(token.id);
      if (created?.id === token.id) setCreated(null);
      void message.success(tokenPhrases.revoked(token.name, language));
      await reload();
    } catch (error) {
      void message.error({ content: <span data-testid="tokens-error">{wording(error)}</span>, duration: 8 });
    }
  };

  const columns: TableColumnsType<ApiTokenRecord> = [
    { title: tokenWord('name', language), dataIndex: 'name', ellipsis: true },
    { title: tokenWord('prefix', language), dataIndex: 'prefix', width: 130, render: (prefix: string) => <code>{prefix}…</code> },
    {
      title: tokenWord('expires', language),
      dataIndex: 'expiresAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at, language) : tokenWord('never', language)),
    },
    {
      title: tokenWord('lastUsed', language),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at, language) : tokenWord('notUsed', language)),
    },
    {
      title: '',
      key: 'revoke',
      width: 90,
      render: (_, token) => (
        <Popconfirm
          title={tokenPhrases.revokeConfirm(token.name, language)}
          onConfirm={() => void revoke(token)}
          okText={tokenWord('revoke', language)}
        >
          <Button size="small" danger data-testid={`token-revoke-${token.id}`}>
            {tokenWord('revoke', language)}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const origin = window.location.origin;
  return (
    <AdminDrawer title={tokenWord('title', language)} widthPx={DRAWER_WIDTH_PX} onClose={onClose}>
      <div className="atlas-tokens" data-testid="tokens-drawer">
        <Typography.Paragraph type="secondary">{tokenWord('intro', language)}</Typography.Paragraph>
        {isPlainHttpBeyondLocalhost() ? (
          <Alert type="warning" showIcon title={tokenWord('plainHttp', language)} data-testid="tokens-plain-http" />
        ) : null}
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            void reload();
          }}
        />
        {created ? (
          <Alert
            type="success"
            showIcon
            data-testid="token-created"
            title={tokenPhrases.createdOnce(created.name, language)}
            description={
              <>
                <Typography.Paragraph copyable={{ text: created.token }} className="atlas-token-secret">
                  <code data-testid="token-secret">{created.token}</code>
                </Typography.Paragraph>
                <Typography.Paragraph className="atlas-token-usage" style={{ marginTop: 8 }}>
                  {tokenWord('usage', language)}
                  <pre>{`GDAL_HTTP_HEADERS="Authorization: Bearer ${created.token}" ogrinfo OAPIF:${origin}/ogc`}</pre>
                </Typography.Paragraph>
              </>
            }
          />
        ) : null}
        {loadError ? <Alert type="error" showIcon title={wording(loadError)} /> : null}
        <Table<ApiTokenRecord>
          rowKey="id"
          size="small"
          loading={tokens === null && !loadError}
          dataSource={tokens ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: tokenWord('none', language) }}
          data-testid="tokens-table"
        />
      </div>
    </AdminDrawer>
  );
}
