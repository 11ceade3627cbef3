/**
 * A self-signed certificate for the emulator's TLS mode, made with `node:crypto` alone (no openssl binary,
 * no npm package): an RSA-2048 key pair and a minimal X.509 v3 certificate hand-encoded in ASN.1 DER
 * (subject = issuer = CN=127.0.0.1, SAN IP 127.0.0.1 and DNS localhost, valid from a day ago for 30 days,
 * signed with SHA256withRSA).
 *
 * @module
 */

import { createHash, generateKeyPair, randomBytes, sign, type KeyObject } from "node:crypto";

/** A PEM key and certificate pair. */
export interface SelfSignedCertificate {
  /** The private key, PKCS#8 PEM. */
  key: string;
  /** The certificate, PEM. Trust it as a CA (`ca: cert`) to connect. */
  cert: string;
}

/** Options of {@link createSelfSignedCertificate}. */
export interface CertificateOptions {
  /**
   * The subject and issuer common name.
   * @default "127.0.0.1"
   */
  commonName?: string;
  /**
   * IP addresses (IPv4) for the subject alternative name.
   * @default ["127.0.0.1"]
   */
  ips?: string[];
  /**
   * DNS names for the subject alternative name.
   * @default ["localhost"]
   */
  dnsNames?: string[];
  /**
   * Validity in days from now (it also starts a day in the past, for clock skew).
   * @default 30
   */
  days?: number;
}

// --- DER encoding

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octets = (content: Buffer) => tlv(0x04, content);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
const nul = () => Buffer.from([0x05, 0x00]);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const explicit = (n: number, content: Buffer) => tlv(0xa0 | n, content);

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && ((b[1] as number) & 0x80) === 0) b = b.subarray(1);
  if (((b[0] as number) & 0x80) !== 0) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(date: Date): Buffer {
  const y = date.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, "0");
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  // UTCTime until 2049, GeneralizedTime after (RFC 5280 section 4.1.2.5).
  return y < 2050 ? tlv(0x17, Buffer.from(`${pad(y % 100)}${rest}`)) : tlv(0x18, Buffer.from(`${y}${rest}`));
}

function ipv4(ip: string): Buffer {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255)))
    throw new TypeError(`Not an IPv4 address: ${ip}`);
  return Buffer.from(parts);
}

const OID = {
  sha256WithRSA: "1.2.840.113549.1.1.11",
  commonName: "2.5.4.3",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function toPem(label: string, der: Buffer): string {
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${b64.endsWith("\n") ? b64 : b64 + "\n"}-----END ${label}-----\n`;
}

/**
 * Builds the DER certificate for a key pair.
 *
 * @param publicKey - the subject's (and issuer's) public key
 * @param privateKey - the key that signs the certificate
 */
export function buildCertificate(
  publicKey: KeyObject,
  privateKey: KeyObject,
  options: CertificateOptions = {},
): Buffer {
  const cn = options.commonName ?? "127.0.0.1";
  const now = Date.now();
  const notBefore = new Date(now - 24 * 3600_000);
  const notAfter = new Date(now + (options.days ?? 30) * 24 * 3600_000);
  const spki = publicKey.export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid(OID.commonName), utf8(cn))));
  const algorithm = seq(oid(OID.sha256WithRSA), nul());
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  if (serial[0] === 0) serial[0] = 1;

  // SubjectKeyIdentifier: SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280 method 1).
  const keyBits = extractSubjectPublicKey(spki);
  const ski = createHash("sha1").update(keyBits).digest();
  const san = seq(
    ...(options.ips ?? ["127.0.0.1"]).map((ip) => tlv(0x87, ipv4(ip))),
    ...(options.dnsNames ?? ["localhost"]).map((d) => tlv(0x82, Buffer.from(d, "ascii"))),
  );
  const extensions = seq(
    extension(OID.basicConstraints, true, seq(bool(true))),
    // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5): 1010 0100, 2 unused bits.
    extension(OID.keyUsage, true, bitString(Buffer.from([0xa4]), 2)),
    extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
    extension(OID.subjectKeyIdentifier, false, octets(ski)),
    extension(OID.subjectAltName, false, san),
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign("sha256", tbs, privateKey);
  return seq(tbs, algorithm, bitString(signature));
}

/** The subjectPublicKey BIT STRING contents (without the unused-bits byte) of a DER SubjectPublicKeyInfo. */
function extractSubjectPublicKey(spki: Buffer): Buffer {
  const readHeader = (pos: number): { start: number; end: number } => {
    let len = spki[pos + 1] as number;
    let start = pos + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (spki[start + i] as number);
      start += n;
    }
    return { start, end: start + len };
  };
  const outer = readHeader(0);
  const algorithm = readHeader(outer.start);
  const bits = readHeader(algorithm.end);
  return spki.subarray(bits.start + 1, bits.end);
}

/** Generates an RSA-2048 key pair and a self-signed certificate for it (PEM). Takes a few hundred ms. */
export async function createSelfSignedCertificate(
  options: CertificateOptions = {},
): Promise<SelfSignedCertificate> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>(
    (resolve, reject) =>
      generateKeyPair("rsa", { modulusLength: 2048, publicExponent: 0x10001 }, (err, pub, priv) =>
        err ? reject(err) : resolve({ publicKey: pub, privateKey: priv }),
      ),
  );
  const der = buildCertificate(publicKey, privateKey, options);
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    cert: toPem("CERTIFICATE", der),
  };
}
