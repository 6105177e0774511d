package mpageviz.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PageBytes#image}: the hex view's reader of a real disk image. */
class PageBytesTest {
    @TempDir
    Path dir;

    private static byte[] read(PageBytes.Disk disk, long offset, int len) {
        byte[] dst = new byte[len + 2];
        disk.read(offset, dst, 1, len);
        return dst;
    }

    @Test
    void image_readsTheBytesAtTheOffset_intoTheGivenSlice() throws Exception {
        Path img = Files.writeString(dir.resolve("disk.img"), "0123456789abcdef", StandardCharsets.US_ASCII);
        assertArrayEquals(new byte[] {0, '4', '5', '6', 0}, read(PageBytes.image(img), 4, 3));
    }

    @Test
    void image_showsBytesItCannotRead_asQuestionMarks() throws Exception {
        Path img = Files.writeString(dir.resolve("short.img"), "0123", StandardCharsets.US_ASCII);
        assertArrayEquals(new byte[] {0, '2', '3', '?', '?', 0}, read(PageBytes.image(img), 2, 4), "past the end");
        assertArrayEquals(new byte[] {0, '?', '?', 0}, read(PageBytes.image(dir.resolve("gone.img")), 0, 2),
                "no such file");
    }
}
