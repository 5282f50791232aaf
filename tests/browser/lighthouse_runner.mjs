// Lighthouse audits, one after the other, in one Chromium and one Node process.
//
// The command-line tool starts Node, loads Lighthouse and launches a browser
// for every audit: several seconds each time before the page is even opened.
// This runner does that once.  Each audit still opens its own tab and clears
// the site's storage first, as the command-line tool does.
//
// Started as `node lighthouse_runner.mjs '<chromium flags as JSON>' '<categories as JSON>'`,
// with CHROME_PATH set.  It reads one request a line on its standard input,
// {"url": ..., "report": <path>}, writes the JSON report to the path and answers
// one line on its standard output: {"error": null} or {"error": "<why>"}.

import {writeFileSync} from 'node:fs';
import {createInterface} from 'node:readline';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [chromeFlags, onlyCategories] = process.argv.slice(2).map((argument) => JSON.parse(argument));
const chrome = await chromeLauncher.launch({chromeFlags});

async function audit({url, report}) {
  const result = await lighthouse(url, {
    port: chrome.port,
    onlyCategories,
    output: 'json',
    logLevel: 'error',
    // The full-page picture only illustrates the HTML report; no score reads it.
    disableFullPageScreenshot: true,
  });
  writeFileSync(report, result.report);
  // As the command-line tool does: a run that went wrong is an error, report or not.
  return result.lhr.runtimeError ? `${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}` : null;
}

try {
  for await (const line of createInterface({input: process.stdin})) {
    let error;
    try {
      error = await audit(JSON.parse(line));
    } catch (failure) {
      error = String(failure?.stack ?? failure);
    }
    process.stdout.write(JSON.stringify({error}) + '\n');
  }
} finally {
  await chrome.kill();
}
// Lighthouse may leave timers behind: they must not keep the process alive.
process.exit(0);
