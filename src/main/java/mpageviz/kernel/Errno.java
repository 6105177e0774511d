package mpageviz.kernel;

/** The errno values the port passes around (returned negated, as in the kernel). */
public final class Errno {
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EEXIST = 17;
    public static final int ENOSPC = 28;

    private Errno() {
    }

    public static int of(String name) {
        switch (name) {
            case "EIO":
                return EIO;
            case "ENOSPC":
                return ENOSPC;
            case "ENOMEM":
                return ENOMEM;
            case "EAGAIN":
                return EAGAIN;
            case "EEXIST":
                return EEXIST;
            default:
                throw new IllegalArgumentException("unknown errno " + name);
        }
    }

    public static String name(int errno) {
        switch (Math.abs(errno)) {
            case EIO:
                return "EIO";
            case EAGAIN:
                return "EAGAIN";
            case ENOMEM:
                return "ENOMEM";
            case EEXIST:
                return "EEXIST";
            case ENOSPC:
                return "ENOSPC";
            default:
                return "E" + Math.abs(errno);
        }
    }
}
