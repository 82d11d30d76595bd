package io.stagesim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers, read from the compiled classes (so every dependency counts, imported or written
 * out in full): each package uses only those below it, the engine knows nothing but the JDK, and
 * no two packages depend on each other. Bottom to top: engine; random, stats, analytic; workload;
 * model; nodes; scenario (spec records, beside the model rather than on it); assembly (scenario →
 * model); operations (faults, deploys, autoscaling at run time); run; report; verify; calibrate
 * (fits a scenario to measurements); cluster (a sweep's members and signed items, knowing no scenario);
 * cli.
 */
final class LayersTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stagesim");
    }

    // The engine is the ground floor: a clock, an event queue and handlers, nothing of the web.
    @Test
    void engine_importsOnlyTheJdk() {
        classes().that().resideInAPackage("io.stagesim.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagesim.engine..")
                .check(main);
    }

    // A cycle between packages would make the layers meaningless.
    @Test
    void packages_haveNoCycles() {
        slices().matching("io.stagesim.(*)..").should().beFreeOfCycles().check(main);
    }

    // Every dependency points down the floors.
    @Test
    void layers_dependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Engine").definedBy("io.stagesim.engine..")
                .layer("Random").definedBy("io.stagesim.random..")
                .layer("Stats").definedBy("io.stagesim.stats..")
                .layer("Analytic").definedBy("io.stagesim.analytic..")
                .layer("Workload").definedBy("io.stagesim.workload..")
                .layer("Model").definedBy("io.stagesim.model..")
                .layer("Nodes").definedBy("io.stagesim.nodes..")
                .layer("Scenario").definedBy("io.stagesim.scenario..")
                .layer("Assembly").definedBy("io.stagesim.assembly..")
                .optionalLayer("Operations").definedBy("io.stagesim.operations..")
                .layer("Run").definedBy("io.stagesim.run..")
                .layer("Report").definedBy("io.stagesim.report..")
                .layer("Verify").definedBy("io.stagesim.verify..")
                .layer("Calibrate").definedBy("io.stagesim.calibrate..")
                .layer("Cluster").definedBy("io.stagesim.cluster..")
                .layer("Cli").definedBy("io.stagesim.cli..")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Verify").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Calibrate").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Run").mayOnlyBeAccessedByLayers("Report", "Verify", "Cli")
                .whereLayer("Operations").mayOnlyBeAccessedByLayers("Run", "Report", "Cli")
                .whereLayer("Assembly").mayOnlyBeAccessedByLayers("Operations", "Run", "Report", "Cli")
                .whereLayer("Scenario").mayOnlyBeAccessedByLayers("Assembly", "Operations", "Run", "Report", "Calibrate",
                        "Cli")
                .whereLayer("Nodes").mayOnlyBeAccessedByLayers("Assembly", "Operations", "Run", "Report", "Cli")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Nodes", "Assembly", "Operations", "Run", "Report",
                        "Verify", "Cli")
                .whereLayer("Workload").mayOnlyBeAccessedByLayers("Nodes", "Assembly", "Operations", "Run", "Report",
                        "Verify", "Cli")
                .whereLayer("Analytic").mayOnlyBeAccessedByLayers("Run", "Report", "Verify", "Cli")
                .check(main);
    }

    // Libraries stay at the edges: Jackson where scenarios and results are read and written,
    // JFreeChart in chart code, picocli in the command line, Hazelcast in the cluster package.
    @Test
    void libraries_stayAtTheEdges() {
        classes().that().resideOutsideOfPackages("io.stagesim.scenario..", "io.stagesim.report..", "io.stagesim.cli..",
                        "io.stagesim.run..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("com.fasterxml.jackson..")
                .check(main);
        classes().that().resideOutsideOfPackages("io.stagesim.report..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.jfree..")
                .check(main);
        classes().that().resideOutsideOfPackages("io.stagesim.cli..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("picocli..")
                .check(main);
        // the what-if page's HTTP server is the command line's business (stagesim serve)
        classes().that().resideOutsideOfPackages("io.stagesim.cli..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.javalin..", "org.eclipse.jetty..")
                .check(main);
        // the cluster's members and wire know nothing of scenarios: they carry opaque, signed items
        classes().that().resideOutsideOfPackages("io.stagesim.cluster..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("com.hazelcast..")
                .check(main);
        classes().that().resideInAPackage("io.stagesim.cluster..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "com.hazelcast..",
                        "io.stagesim.cluster..")
                .check(main);
    }
}
