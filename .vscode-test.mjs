// @vscode/test-cli configuration: runs the extension-host suite (test/integration, compiled to
// out/) in desktop VS Code, downloaded by @vscode/test-electron. Needs network access to
// download VS Code and, on Linux without a display, `xvfb-run -a npm run test:electron`.
// Here (offline) the same suite runs in code-server instead: `npm run test:integration`.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig([
  {
    label: 'integration',
    files: 'out/test/integration/**/*.test.js',
    version: 'stable',
    workspaceFolder: './test/fixtures/workspace',
    launchArgs: ['--disable-extensions'],
    mocha: { ui: 'bdd', timeout: 30000 },
  },
  {
    // The oldest VS Code we support (engines.vscode), as rust-analyzer does.
    label: 'integration-min',
    files: 'out/test/integration/**/*.test.js',
    version: '1.90.0',
    workspaceFolder: './test/fixtures/workspace',
    launchArgs: ['--disable-extensions'],
    mocha: { ui: 'bdd', timeout: 30000 },
  },
]);
