package mpageviz;

/** Entry point: with arguments it runs the command line, without them it opens the window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("mpage-visualizer");
    }
}
