/**
 * The OAuth 1.0a token endpoints, signed with the consumer's (and the request token's) credentials.
 *
 * @module
 */

import { endpoint } from "../core/endpoint";

export const requestToken = endpoint<URLSearchParams>({
  name: "getRequestToken",
  summary: "Step 1 of the OAuth flow: a request token and the URL where the user authorizes it",
  method: "GET",
  path: "/oauth/request_token",
  params: {},
  responseType: "form",
  auth: "any",
});

export const accessToken = endpoint<URLSearchParams>({
  name: "getAccessToken",
  summary:
    "Step 3 of the OAuth flow: exchanges the authorized request token and verifier for an access token",
  method: "POST",
  path: "/oauth/access_token",
  params: {},
  responseType: "form",
  auth: "any",
});
