package mpageviz.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of house-style.md §4.1, so that the engine, traces and the fold never need a screen. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // also when the build folder is not called target (worktree builds use -DbuildDir)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("mpageviz");

    @Test
    void coreAndFoldPackages_importNoJavaFx() {
        noClasses().that().resideInAnyPackage("mpageviz.kernel..", "mpageviz.engine..", "mpageviz.layout..",
                "mpageviz.trace..", "mpageviz.view..", "mpageviz.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void kernel_dependsOnNeitherEngineLayoutViewNorUi() {
        noClasses().that().resideInAPackage("mpageviz.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("mpageviz.engine..", "mpageviz.layout..",
                        "mpageviz.view..", "mpageviz.ui..", "mpageviz.cli..")
                .check(CLASSES);
    }

    @Test
    void engine_usesOnlyKernelLayoutAndTrace() {
        noClasses().that().resideInAPackage("mpageviz.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("mpageviz.view..", "mpageviz.ui..",
                        "mpageviz.cli..")
                .check(CLASSES);
    }

    @Test
    void view_neverReadsTheEngine() {
        noClasses().that().resideInAPackage("mpageviz.view..")
                .should().dependOnClassesThat().resideInAnyPackage("mpageviz.engine..", "mpageviz.ui..",
                        "mpageviz.cli..")
                .check(CLASSES);
    }

    @Test
    void trace_andLayout_dependOnNoFrontEnd() {
        noClasses().that().resideInAnyPackage("mpageviz.trace..", "mpageviz.layout..")
                .should().dependOnClassesThat().resideInAnyPackage("mpageviz.engine..", "mpageviz.view..",
                        "mpageviz.ui..", "mpageviz.cli..")
                .check(CLASSES);
    }

    @Test
    void ui_reachesTheEngineOnlyThroughSession() {
        noClasses().that().resideInAPackage("mpageviz.ui..").and().doNotHaveFullyQualifiedName(
                "mpageviz.ui.run.Session")
                .should().dependOnClassesThat().resideInAPackage("mpageviz.engine..")
                .check(CLASSES);
    }

    /** The run on screen (session, cursor, selection, jobs) sits under every view of it and knows none of them. */
    @Test
    void uiRun_usesNoOtherUiPackage() {
        noClasses().that().resideInAPackage("mpageviz.ui.run..")
                .should().dependOnClassesThat().resideInAnyPackage("mpageviz.ui", "mpageviz.ui.window..",
                        "mpageviz.ui.panel..", "mpageviz.ui.canvas..", "mpageviz.ui.anim..", "mpageviz.ui.dialog..",
                        "mpageviz.ui.builder..", "mpageviz.ui.samples..")
                .check(CLASSES);
    }

    /** Only the application builds the main window; panels, dialogs and the builder never reach back into it. */
    @Test
    void uiWindow_isUsedOnlyByTheApplication() {
        noClasses().that().resideInAPackage("mpageviz..").and().resideOutsideOfPackages("mpageviz.ui",
                        "mpageviz.ui.window..")
                .should().dependOnClassesThat().resideInAPackage("mpageviz.ui.window..")
                .check(CLASSES);
    }

    @Test
    void ui_neverUsesTheCommandLine() {
        noClasses().that().resideInAPackage("mpageviz.ui..")
                .should().dependOnClassesThat().resideInAPackage("mpageviz.cli..")
                .check(CLASSES);
    }

    @Test
    void cli_neverUsesTheUi() {
        noClasses().that().resideInAPackage("mpageviz.cli..")
                .should().dependOnClassesThat().resideInAPackage("mpageviz.ui..")
                .check(CLASSES);
    }
}
