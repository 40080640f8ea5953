/**
 * The embedded org's login page (what `/services/oauth2/authorize` shows), laid out like Salesforce's:
 * "Username" and "Password" fields and a "Log In" button, an error above the form after a failed attempt.
 * Phone first (a single column that fits 320 px and up, 44 px touch targets), every control labelled, the
 * error announced (role="alert") and tied to the fields (aria-describedby). No scripts.
 */

/** Salesforce's message after a wrong username or password. */
export const LOGIN_FAILED_MESSAGE =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface LoginPageOptions {
  /** The authorize request's parameters, posted back as hidden fields. */
  readonly params: Readonly<Record<string, string>>;
  readonly appName: string;
  readonly username?: string;
  readonly error?: string;
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f3f3;color:#181818;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:24rem;margin:0 auto;padding:2rem 1rem}
.brand{text-align:center;margin:0 0 1.5rem;font-size:1.5rem;font-weight:700;color:#0176d3}
.card{background:#fff;border:1px solid #c9c9c9;border-radius:.25rem;padding:1.25rem}
h1{font-size:1.125rem;margin:0 0 1rem;font-weight:600}
label{display:block;font-size:.875rem;color:#3e3e3c;margin:0 0 .25rem}
input[type=text],input[type=password]{display:block;width:100%;min-height:44px;padding:.5rem .75rem;margin:0 0 1rem;border:1px solid #939393;border-radius:.25rem;font:inherit}
input:focus,button:focus{outline:3px solid #1b96ff;outline-offset:1px}
button{display:block;width:100%;min-height:44px;border:0;border-radius:.25rem;background:#0176d3;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#014486}
.error{background:#fef1ee;border:1px solid #ba0517;color:#8e030f;border-radius:.25rem;padding:.75rem;margin:0 0 1rem;font-size:.875rem}
.app{font-size:.875rem;color:#444;margin:1rem 0 0;text-align:center;overflow-wrap:anywhere}
`;

export function loginPage(options: LoginPageOptions): string {
  const hidden = Object.entries(options.params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const describedBy = options.error ? ' aria-describedby="error" aria-invalid="true"' : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Login | Salesforce</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <p class="brand">syncscope org</p>
    <div class="card">
      <h1>Log in</h1>
      ${options.error ? `<div id="error" class="error" role="alert">${escapeHtml(options.error)}</div>` : ''}
      <form method="post" action="/services/oauth2/authorize">
      ${hidden}
        <label for="username">Username</label>
        <input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(options.username ?? '')}"${describedBy}>
        <label for="password">Password</label>
        <input type="password" id="password" name="pw" autocomplete="current-password" required${describedBy}>
        <button type="submit" id="Login">Log In</button>
      </form>
    </div>
    <p class="app">Signing in to ${escapeHtml(options.appName)}</p>
  </main>
</body>
</html>`;
}

/** The page Salesforce shows when it cannot redirect back (unknown client, unregistered redirect URI). */
export function oauthErrorPage(error: string, description: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>OAuth Error</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <p class="brand">syncscope org</p>
    <div class="card">
      <h1>OAuth Error</h1>
      <p>We can't authorize you because of an OAuth error. For more information, contact your Salesforce administrator.</p>
      <p id="oauth-error">error=${escapeHtml(error)}&amp;error_description=${escapeHtml(description)}</p>
    </div>
  </main>
</body>
</html>`;
}
