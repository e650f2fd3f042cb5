package io.warren.broker.durable;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A tmpfs of a few hundred KB mounted for one test; the test is skipped where it cannot be mounted (not root). */
final class SmallDisk implements AutoCloseable {
    final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    static SmallDisk mount(Path under, String size) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path root = Files.createDirectories(under.resolve("small-disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", root.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && p.exitValue() == 0, "cannot mount a tmpfs here");
        return new SmallDisk(root);
    }

    /** Writes a file until the disk is full. */
    void fill() throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // no space left: what was wanted
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws Exception {
        Process p = new ProcessBuilder("umount", root.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            new ProcessBuilder("umount", "-l", root.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
