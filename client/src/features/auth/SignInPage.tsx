/** The sign-in page: username and password, the language switch, and a folded hint of the demo accounts. */
import { Alert, Button, Card, Collapse, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../../../core/access';
import { problemMessage } from '../../../../core/problems';
import { ApiError, fetchSignInOptions, signIn, type SignInOptions } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { LanguageSwitch } from './LanguageSwitch';
import './auth.css';

interface Credentials {
  username: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const reason = useAtlasStore((s) => s.signedOutReason);
  const sessionStarted = useAtlasStore((s) => s.sessionStarted);
  const [busy, setBusy] = useState(false);
  // The error is kept, not its wording, so switching the language rewords it.
  const [error, setError] = useState<unknown>(null);
  // The server lists the demo accounts only while they can sign in (DEMO=1).
  const [demoAccounts, setDemoAccounts] = useState<SignInOptions['demoAccounts']>([]);
  useEffect(() => {
    const controller = new AbortController();
    fetchSignInOptions(controller.signal).then(
      (options) => setDemoAccounts(options.demoAccounts),
      () => setDemoAccounts([]),
    );
    return () => controller.abort();
  }, []);

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      sessionStarted(await signIn(username.trim(), password));
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  const errorText =
    error === null ? null : error instanceof ApiError ? error.messageIn(language) : error instanceof Error ? error.message : String(error);

  return (
    <main className="atlas-signin" data-testid="signin-page">
      <Card className="atlas-signin-card">
        <div className="atlas-signin-head">
          <div className="atlas-signin-brand">
            <span className="atlas-logo" aria-hidden="true" />
            <h1 className="atlas-signin-title" data-testid="app-title">
              {t('app.title')}
            </h1>
          </div>
          <LanguageSwitch size="small" />
        </div>
        <p className="atlas-signin-subtitle">
          {t('app.subtitle')} · {t('app.district')}
        </p>
        {reason && !error ? (
          <Alert
            className="atlas-signin-alert"
            type="warning"
            showIcon
            data-testid="signin-reason"
            title={problemMessage(reason, {}, language, t('auth.failed'))}
          />
        ) : null}
        {errorText ? <Alert className="atlas-signin-alert" type="error" showIcon data-testid="signin-error" title={errorText} /> : null}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={busy}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus data-testid="signin-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="signin-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            {t('auth.submit')}
          </Button>
        </Form>
        {demoAccounts.length === 0 ? null : (
          <Collapse
            ghost
            size="small"
            className="atlas-signin-demo"
            items={[
              {
                key: 'demo',
                label: <span data-testid="signin-demo-toggle">{t('auth.demoAccounts')}</span>,
                children: (
                  <div data-testid="signin-demo-list">
                    <p className="atlas-secondary">{t('auth.demoNote')}</p>
                    <ul className="atlas-signin-demo-list">
                      {demoAccounts.map((account) => (
                        <li key={account.role}>
                          <span className="atlas-signin-demo-role">{ROLE_LABELS[account.role][language]}</span>
                          <span className="atlas-signin-demo-credentials">
                            <code>{account.username}</code> / <code>{account.password}</code>
                          </span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ),
              },
            ]}
          />
        )}
      </Card>
    </main>
  );
}
