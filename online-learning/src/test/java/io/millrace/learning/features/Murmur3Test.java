package io.millrace.learning.features;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Murmur3Test {

    @Test
    void matchesTheReferenceVectorsOfMurmurHash3X86With32Bits() {
        assertThat(Murmur3.hash32(new byte[0], 0)).isEqualTo(0);
        assertThat(Murmur3.hash32(new byte[0], 1)).isEqualTo(0x514E28B7);
        assertThat(Murmur3.hash32(new byte[0], 0xffffffff)).isEqualTo(0x81F16F39);
        assertThat(Murmur3.hash32(new byte[4], 0)).isEqualTo(0x2362F9DE);
        assertThat(Murmur3.hash32("aaaa", 0x9747b28c)).isEqualTo(0x5A97808A);
        assertThat(Murmur3.hash32("aaa", 0x9747b28c)).isEqualTo(0x283E0130);
        assertThat(Murmur3.hash32("aa", 0x9747b28c)).isEqualTo(0x5D211726);
        assertThat(Murmur3.hash32("a", 0x9747b28c)).isEqualTo(0x7FA09EA6);
        assertThat(Murmur3.hash32("Hello, world!", 0x9747b28c)).isEqualTo(0x24884CBA);
        assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0x9747b28c)).isEqualTo(0x2FA826CD);
    }

    @Test
    void hashesUtf8Bytes() {
        String text = "caf\u00e9 \u20ac";
        assertThat(Murmur3.hash32(text, 3)).isEqualTo(Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), 3));
    }

    @Test
    void bucketsAreNeverNegative() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Murmur3.bucket("v" + i, 42, 7)).isBetween(0, 6);
        }
    }
}
