package io.falconeye.media.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A WS-Security UsernameToken with a password digest, as ONVIF requires:
 * {@code Base64(SHA-1(nonce + created + password))}, with the nonce sent Base64-encoded.
 */
public record UsernameToken(String username, String passwordDigest, String nonceBase64, String created) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh token (16 random nonce bytes) created at {@code now}, the camera's clock if known. */
    public static UsernameToken create(String username, String password, Instant now) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = now.truncatedTo(ChronoUnit.MILLIS).toString();
        return new UsernameToken(username, digest(nonce, created, password),
                Base64.getEncoder().encodeToString(nonce), created);
    }

    /** {@code Base64(SHA-1(nonce + created + password))}, strings in UTF-8. */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update((password == null ? "" : password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "UsernameToken[" + username + ", created " + created + "]";
    }
}
