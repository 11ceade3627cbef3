/**
 * Authentication: the three modes (personal token, consumer key/secret, OAuth 1.0a), anonymous access, and the
 * OAuth flow that turns a user's approval into an access token.
 *
 * Real API:
 *   DISCOGS_TOKEN=your-token DISCOGS_CONSUMER_KEY=key DISCOGS_CONSUMER_SECRET=secret npx tsx examples/authentication.ts
 *   The OAuth flow prints an authorize URL: open it, approve, and type the verifier Discogs shows you (it needs an
 *   interactive terminal; request tokens expire after 15 minutes).
 * Emulator:  npm run demo -- authentication   (the emulator approves the request token itself)
 */
import { createInterface } from "node:readline/promises";
import { Discogs, getAccessToken, getRequestToken } from "discogs-sdk";

const baseUrl = process.env.DISCOGS_BASE_URL;
const userAgent = "discogs-sdk-examples/1.0";
// The emulator accepts any credentials; against the real API use your application's key and secret.
const consumerKey = process.env.DISCOGS_CONSUMER_KEY ?? (baseUrl ? "example-consumer-key" : undefined);
const consumerSecret =
  process.env.DISCOGS_CONSUMER_SECRET ?? (baseUrl ? "example-consumer-secret" : undefined);

// --- 1. Personal access token (DISCOGS_TOKEN) ----------------------------------------------------------------
{
  await using client = new Discogs({ baseUrl, userAgent }); // credentials from the environment
  console.log(`Personal token: authMode=${client.authMode}`);
  if (client.authMode === "none") {
    console.log("  (DISCOGS_TOKEN is not set: skipped)");
  } else {
    const me = await client.user.identity();
    console.log(`  identity: ${me.username} via "${me.consumer_name}"`);
    console.log(`  rate limit: ${client.rateLimit.limit} requests a minute`);
  }
}

// --- 2. Anonymous: no credentials at all (`null` ignores the environment variable) ---------------------------
{
  await using client = new Discogs({ baseUrl, userAgent, token: null });
  const release = await client.releases.get(352665);
  console.log(
    `Anonymous: authMode=${client.authMode}, read "${release.title}", limit ${client.rateLimit.limit}/min`,
  );
}

if (!consumerKey || !consumerSecret) {
  console.log(
    "Consumer key/secret and OAuth: skipped (set DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET)",
  );
  process.exit(0);
}

// --- 3. Consumer key and secret: the authenticated rate tier, but no user ------------------------------------
{
  await using client = new Discogs({ baseUrl, userAgent, token: null, consumerKey, consumerSecret });
  const artist = await client.artists.get(3857);
  console.log(
    `Consumer key/secret: authMode=${client.authMode}, read "${artist.name}", limit ${client.rateLimit.limit}/min`,
  );
}

// --- 4. The OAuth 1.0a flow ----------------------------------------------------------------------------------
// Step 1: a request token, and the page where the user approves it.
const requestToken = await getRequestToken({
  consumerKey,
  consumerSecret,
  callbackUrl: "oob", // no callback: Discogs shows the verifier to the user
  baseUrl,
  userAgent,
  // The emulator serves the authorize page itself; the real one is https://www.discogs.com/oauth/authorize.
  authorizeBaseUrl: baseUrl ? `${baseUrl}/oauth/authorize` : undefined,
});
console.log(
  `OAuth: request token ${requestToken.token.slice(0, 8)}..., authorize at:\n  ${requestToken.authorizeUrl}`,
);

// Step 2: the user approves and gets a verifier.
let verifier: string;
if (baseUrl) {
  // The emulator's authorize page approves the token as its default user and answers with the verifier.
  const res = await fetch(requestToken.authorizeUrl);
  if (!res.ok) throw new Error(`authorize failed: HTTP ${res.status} ${await res.text()}`);
  verifier = (await res.text()).trim();
  console.log(`  approved in the emulator, verifier ${verifier}`);
} else if (process.stdin.isTTY) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  verifier = (await rl.question("Open the URL above, approve, then paste the verifier: ")).trim();
  rl.close();
} else {
  console.log("  (stdin is not a terminal: cannot ask for the verifier, stopping here)");
  process.exit(0);
}

// Step 3: exchange the approved request token for an access token (it does not expire; store it).
const { accessToken, accessTokenSecret } = await getAccessToken({
  consumerKey,
  consumerSecret,
  requestToken: requestToken.token,
  requestTokenSecret: requestToken.tokenSecret,
  verifier,
  baseUrl,
  userAgent,
});
console.log(`  access token ${accessToken.slice(0, 8)}...`);

// The four values authenticate a client as the user who approved (HMAC-SHA1 signatures by default).
{
  await using client = new Discogs({
    baseUrl,
    userAgent,
    token: null,
    consumerKey,
    consumerSecret,
    accessToken,
    accessTokenSecret,
  });
  const me = await client.user.identity();
  console.log(`OAuth: authMode=${client.authMode}, identity ${me.username} via "${me.consumer_name}"`);
}
{
  await using client = new Discogs({
    baseUrl,
    userAgent,
    token: null,
    consumerKey,
    consumerSecret,
    accessToken,
    accessTokenSecret,
    oauthSignatureMethod: "PLAINTEXT",
  });
  const { username } = await client.user.identity();
  const profile = await client.users.get(username);
  console.log(
    `OAuth (PLAINTEXT): ${profile.username} has ${profile.num_collection ?? 0} releases in their collection`,
  );
}
