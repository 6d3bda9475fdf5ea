package org.hotroom.host.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The federation listener's key and certificate, kept in the data dir as a PKCS#12 file. Made
 * on first start (self-signed for the server name's host) and reused afterwards, so peers that
 * pinned it keep working across restarts. An operator can replace the file with a real one.
 */
public final class TlsMaterial {

    /** The keystore's password. The file's protection is its permissions, not this constant. */
    private static final char[] PASSWORD = "hotroom".toCharArray();
    private static final String ALIAS = "federation";

    private TlsMaterial() {}

    /** The server side context for {@code host}, creating the key and certificate when absent. */
    public static SSLContext serverContext(Path keystoreFile, String host) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (Files.exists(keystoreFile)) {
            try (InputStream in = Files.newInputStream(keystoreFile)) {
                ks.load(in, PASSWORD);
            }
        } else {
            SelfSignedCertificate.Issued issued = SelfSignedCertificate.generate(host, new SecureRandom());
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, issued.keys().getPrivate(), PASSWORD, new Certificate[] {issued.certificate()});
            Files.createDirectories(keystoreFile.getParent());
            Path tmp = keystoreFile.resolveSibling(keystoreFile.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, PASSWORD);
            }
            Files.move(tmp, keystoreFile, StandardCopyOption.ATOMIC_MOVE);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /**
     * A client context for outgoing federation requests. With {@code verify} it uses the JDK's
     * trust store; without, it accepts any certificate (only for loopback tests between instances;
     * Matrix signatures still authenticate the peer).
     */
    public static SSLContext clientContext(boolean verify) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (verify) {
            ctx.init(null, null, null);
        } else {
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        }
        return ctx;
    }

    /**
     * Trusts every peer. Extends X509ExtendedTrustManager so the JDK does not wrap it with its own
     * host name check, which would refuse a self-signed peer on 127.0.0.1 named "localhost".
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
