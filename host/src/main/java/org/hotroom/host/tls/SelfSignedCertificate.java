package org.hotroom.host.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Makes a self-signed X.509 v3 certificate for the federation listener with the JDK alone.
 *
 * <p>The JDK can sign but has no public API to build a certificate, so this writes the DER
 * structure of RFC 5280 directly: a TBSCertificate (version 3, random serial,
 * ecdsa-with-SHA256, subject = issuer = CN=host, ten years of validity, the P-256 public key,
 * and a subjectAltName naming the host), signed with SHA256withECDSA. Only what that one shape
 * needs is encoded; the result is parsed back with the JDK's CertificateFactory, so a mistake
 * fails loudly at generation time rather than in a peer's TLS handshake.
 */
public final class SelfSignedCertificate {

    private SelfSignedCertificate() {}

    /** A new key pair and a certificate for {@code host} (a DNS name or an IP literal). */
    public static Issued generate(String host, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair keys = gen.generateKeyPair();

        byte[] sigAlg = seq(oid(1, 2, 840, 10045, 4, 3, 2));
        byte[] name = seq(set(seq(oid(2, 5, 4, 3), tlv(0x0c, host.getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
        byte[] validity = seq(time(now.minusDays(1)), time(now.plusYears(10)));
        byte[] serial = tlv(0x02, new BigInteger(63, random).add(BigInteger.ONE).toByteArray());
        byte[] san = seq(seq(oid(2, 5, 29, 17), tlv(0x04, seq(generalName(host)))));
        byte[] tbs = seq(
                tlv(0xa0, tlv(0x02, new byte[] {2})),
                serial,
                sigAlg,
                name,
                validity,
                name,
                keys.getPublic().getEncoded(),
                tlv(0xa3, san));

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate(), random);
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = seq(tbs, sigAlg, tlv(0x03, bitString));

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        cert.verify(keys.getPublic());
        return new Issued(keys, cert);
    }

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {}

    private static byte[] generalName(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.matches("[0-9.]+") || bare.contains(":")) {
            try {
                return tlv(0x87, InetAddress.getByName(bare).getAddress()); // [7] iPAddress
            } catch (UnknownHostException e) {
                // not a literal after all; fall through to a DNS name
            }
        }
        return tlv(0x82, bare.getBytes(StandardCharsets.US_ASCII)); // [2] dNSName
    }

    private static byte[] time(ZonedDateTime t) {
        // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050
        if (t.getYear() < 2050) {
            return tlv(0x17, t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, t.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int groups = 1;
            for (int t = v >>> 7; t != 0; t >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (v >>> (7 * g)) & 0x7f;
                out.write(g == 0 ? b : b | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A DER tag-length-value with the definite length form. */
    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
