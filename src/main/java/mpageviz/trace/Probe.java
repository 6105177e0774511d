package mpageviz.trace;

/**
 * Where the engine and the block layer send their events. The kernel checks {@link #enabled()} before it builds an
 * event, so a run with {@link #OFF} allocates nothing for tracing.
 */
public interface Probe {

    /** A probe that records nothing. */
    Probe OFF = new Probe() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void emit(Event event) {
        }
    };

    boolean enabled();

    void emit(Event event);
}
