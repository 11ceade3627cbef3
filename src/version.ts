/** The SDK's version, sent in the User-Agent as `discogs-sdk/<version>`. */
export const VERSION = "0.1.0";
