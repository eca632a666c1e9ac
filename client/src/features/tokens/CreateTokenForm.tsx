/** Name and lifetime of a new API token; the server's refusal (a bad name) is shown under the form. */
import { Alert, Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { API_TOKEN_LIFETIMES_DAYS } from '../../../../core/contract/index';
import { ApiError, createApiToken, type CreatedApiToken } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { tokenPhrases, tokenWord } from './token-words';

type Lifetime = (typeof API_TOKEN_LIFETIMES_DAYS)[number] | 'never';

export function CreateTokenForm({ onCreated }: { onCreated(token: CreatedApiToken): void }) {
  const language = useAtlasStore((s) => s.language);
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<Lifetime>(90);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await createApiToken({ name, expiresInDays: lifetime === 'never' ? null : lifetime }));
      setName('');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.messageIn(language) : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="atlas-token-form">
      <Space.Compact block>
        <Input
          value={name}
          maxLength={60}
          placeholder={tokenWord('namePlaceholder', language)}
          aria-label={tokenWord('name', language)}
          onChange={(event) => setName(event.target.value)}
          onPressEnter={() => void submit()}
          data-testid="token-name"
        />
        <Select<Lifetime>
          value={lifetime}
          onChange={setLifetime}
          aria-label={tokenWord('expires', language)}
          style={{ width: 150 }}
          data-testid="token-lifetime"
          options={[
            ...API_TOKEN_LIFETIMES_DAYS.map((days) => ({ value: days, label: tokenPhrases.days(days, language) })),
            { value: 'never' as const, label: tokenWord('untilRevoked', language) },
          ]}
        />
        <Button type="primary" loading={busy} disabled={name.trim() === ''} onClick={() => void submit()} data-testid="token-create">
          {tokenWord('create', language)}
        </Button>
      </Space.Compact>
      {error ? <Alert type="error" showIcon title={error} data-testid="token-form-error" /> : null}
    </div>
  );
}
