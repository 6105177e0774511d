package mpageviz.view;

/** One buffer head of a page at a step: its BhState bits and disk block (-1 when never mapped). */
public record BufferView(int state, long block) {
}
