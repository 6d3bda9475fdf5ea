package org.hotroom.logic.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnpaddedBase64Test {

    @Test
    void theSpecsExamples() {
        String[][] examples = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"},
            {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
        for (String[] e : examples) {
            byte[] raw = e[0].getBytes(StandardCharsets.UTF_8);
            assertEquals(e[1], UnpaddedBase64.encode(raw));
            assertArrayEquals(raw, UnpaddedBase64.decode(e[1]));
        }
    }

    @Test
    void roundTripsEveryLengthInBothAlphabetsPaddedOrNot() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 100; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String standard = UnpaddedBase64.encode(bytes);
            String urlSafe = UnpaddedBase64.encodeUrlSafe(bytes);
            assertEquals(Base64.getEncoder().withoutPadding().encodeToString(bytes), standard);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), urlSafe);
            assertArrayEquals(bytes, UnpaddedBase64.decode(standard));
            assertArrayEquals(bytes, UnpaddedBase64.decode(urlSafe));
            assertArrayEquals(bytes, UnpaddedBase64.decode(Base64.getEncoder().encodeToString(bytes)), "padded");
            assertArrayEquals(bytes, UnpaddedBase64.decode(Base64.getUrlEncoder().encodeToString(bytes)), "padded URL-safe");
        }
    }

    @Test
    void bothAlphabetsDecodeToTheSameBytes() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        assertEquals("+/+/", UnpaddedBase64.encode(bytes));
        assertEquals("-_-_", UnpaddedBase64.encodeUrlSafe(bytes));
        assertArrayEquals(bytes, UnpaddedBase64.decode("-/+_"));
    }

    @Test
    void signaturesFromTheSpec() {
        byte[] signature = UnpaddedBase64.decode(
                "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ");
        assertEquals(64, signature.length);
        assertEquals(32, UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1").length);
    }

    @Test
    void refusesWhatIsNotBase64() {
        for (String bad : new String[] {"Z", "Zg=", "Zg===", "Zm9v=", "Zm9v====", "Zm 9v", "Zm9v\n", " Zm9v", "Zm9*",
            "Zm=9", "=", "==", "Zm9vY", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decode(bad), bad);
            assertNull(UnpaddedBase64.decodeOrNull(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decode(null));
    }

    @Test
    void ignoresUnusedLowBitsLikePython() {
        // "Zh" has a 1 in the unused low bits of the last character; Python's decoder gives b"f" too
        assertArrayEquals(new byte[] {'f'}, UnpaddedBase64.decode("Zh"));
    }
}
