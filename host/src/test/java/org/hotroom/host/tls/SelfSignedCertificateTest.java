package org.hotroom.host.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @TempDir
    Path dir;

    @Test
    void certificateNamesTheHostAndVerifiesWithItsOwnKey() throws Exception {
        X509Certificate c = SelfSignedCertificate.generate("matrix.example.org", new SecureRandom()).certificate();
        assertEquals("CN=matrix.example.org", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertEquals(3, c.getVersion());
        c.checkValidity(new Date());
        assertTrue(c.getNotAfter().getTime() - System.currentTimeMillis() > 9L * 365 * 86_400_000);
        assertEquals(List.of(List.of(2, "matrix.example.org")),
                c.getSubjectAlternativeNames().stream().map(l -> List.copyOf(l)).toList());
    }

    @Test
    void ipLiteralsBecomeIpAddressNames() throws Exception {
        X509Certificate c = SelfSignedCertificate.generate("127.0.0.1", new SecureRandom()).certificate();
        assertEquals(List.of(List.of(7, "127.0.0.1")),
                c.getSubjectAlternativeNames().stream().map(l -> List.copyOf(l)).toList());
    }

    @Test
    void derLengthsUseTheLongFormPast127Bytes() {
        assertArrayEquals(new byte[] {0x04, 0x01, 9}, SelfSignedCertificate.tlv(0x04, new byte[] {9}));
        byte[] long200 = SelfSignedCertificate.tlv(0x04, new byte[200]);
        assertEquals((byte) 0x81, long200[1]);
        assertEquals((byte) 200, long200[2]);
        byte[] long300 = SelfSignedCertificate.tlv(0x04, new byte[300]);
        assertEquals((byte) 0x82, long300[1]);
        assertEquals(1, long300[2]);
        assertEquals(44, long300[3]);
    }

    @Test
    void theKeystoreIsMadeOnceAndReused() throws Exception {
        Path ks = dir.resolve("tls/federation.p12");
        TlsMaterial.serverContext(ks, "localhost");
        byte[] first = Files.readAllBytes(ks);
        TlsMaterial.serverContext(ks, "localhost");
        assertArrayEquals(first, Files.readAllBytes(ks));
    }
}
