package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.VaeException;

class IdxFileTest {
    @TempDir
    Path dir;

    private Path images(String name, int n) throws IOException {
        byte[] data = new byte[n * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Path f = dir.resolve(name);
        IdxFile.write(f, new int[] {n, 2, 2}, data);
        return f;
    }

    @Test
    void readsRawAndGzipWithTheSameChecksum() throws IOException {
        Path raw = images("a-idx3-ubyte", 3);
        Path gz = dir.resolve("a-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(raw));
        }
        IdxFile a = IdxFile.read(raw);
        IdxFile b = IdxFile.read(gz);
        assertThat(a.dims()).containsExactly(3, 2, 2);
        assertThat(b.data()).isEqualTo(a.data());
        assertThat(b.sha256()).isEqualTo(a.sha256()).hasSize(64);
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        Path f = dir.resolve("bad");
        Files.write(f, new byte[] {0, 0, 0x0D, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5});
        assertThatThrownBy(() -> IdxFile.read(f)).isInstanceOf(VaeException.class)
                .hasMessageContaining("magic number 0x00000d03").hasMessageContaining(f.toString());
    }

    @Test
    void rejectsTruncatedRawFileBeforeAllocating() throws IOException {
        Path f = images("t-idx3-ubyte", 10);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 5));
        assertThatThrownBy(() -> IdxFile.read(f)).isInstanceOf(VaeException.class)
                .hasMessageContaining("truncated").hasMessageContaining("needs 56");
    }

    @Test
    void rejectsTruncatedGzipFile() throws IOException {
        Path raw = images("g-idx3-ubyte", 10);
        byte[] all = Files.readAllBytes(raw);
        Path gz = dir.resolve("g-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(java.util.Arrays.copyOf(all, all.length - 8));
        }
        assertThatThrownBy(() -> IdxFile.read(gz)).isInstanceOf(VaeException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsAbsurdDimensions() throws IOException {
        Path f = dir.resolve("huge");
        try (var out = new java.io.DataOutputStream(Files.newOutputStream(f))) {
            out.writeInt(0x0803);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(28);
        }
        assertThatThrownBy(() -> IdxFile.read(f)).isInstanceOf(VaeException.class).hasMessageContaining("corrupt");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path f = dir.resolve("empty");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> IdxFile.read(f)).isInstanceOf(VaeException.class).hasMessageContaining("not an IDX file");
    }
}
