package mpageviz.kernel;

/** A BUG_ON the kernel would hit: the run reached a state the kernel forbids (a layout validation gap). */
public final class KernelBug extends IllegalStateException {
    public KernelBug(String message) {
        super("kernel BUG: " + message);
    }
}
