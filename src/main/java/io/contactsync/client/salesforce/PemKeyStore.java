package io.contactsync.client.salesforce;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreSpi;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;

/**
 * camel-salesforce signs its JWT assertion with the one key entry of a {@link KeyStore}; the key comes from
 * configuration as PEM text, and a Java key store cannot hold a private key without its certificate chain. This
 * read-only store holds exactly that key, parsed anew for each signature (Camel destroys the key after signing).
 */
final class PemKeyStore extends KeyStoreSpi {

    static final String ALIAS = "contact-sync";

    private final String pem;

    private PemKeyStore(String pem) {
        this.pem = pem;
    }

    /** A loaded key store with the key; an unreadable PEM fails here, at start-up, naming the key, not its text. */
    static KeyStore of(String pem) {
        parse(pem);
        KeyStore store = new KeyStore(new PemKeyStore(pem), null, "pem") {
        };
        try {
            store.load(null, null);
        } catch (Exception e) {
            throw new IllegalStateException("salesforce.jwt-private-key: " + e.getMessage(), e);
        }
        return store;
    }

    static PrivateKey parse(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("salesforce.jwt-private-key is a PKCS#1 key (BEGIN RSA PRIVATE KEY);"
                    + " convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("salesforce.jwt-private-key is not an RSA private key in PEM"
                    + " (-----BEGIN PRIVATE KEY-----)", e);
        }
    }

    @Override
    public Key engineGetKey(String alias, char[] password) {
        return ALIAS.equals(alias) ? parse(pem) : null;
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        return null;
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        return null;
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void engineDeleteEntry(String alias) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Enumeration<String> engineAliases() {
        return Collections.enumeration(java.util.List.of(ALIAS));
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        return ALIAS.equals(alias);
    }

    @Override
    public int engineSize() {
        return 1;
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        return ALIAS.equals(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        return false;
    }

    @Override
    public String engineGetCertificateAlias(Certificate cert) {
        return null;
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void engineLoad(InputStream stream, char[] password) {
        // the key came with the constructor
    }
}
