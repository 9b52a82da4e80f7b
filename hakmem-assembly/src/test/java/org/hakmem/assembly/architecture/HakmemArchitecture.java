// Owns: hakmem's architecture rules, one ArchRule constant each, readable top to bottom as the module contract of
// SPEC.md ("Modules", "Release path rule"). Checking them and proving each one bites is HakmemArchitectureTest's job.
package org.hakmem.assembly.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ServiceLoader;

/**
 * The rules every hakmem class obeys. JPMS enforces most of them at compile time (qualified exports, {@code requires});
 * these rules hold them where JPMS does not look: on the class path, where every module reads every other and
 * qualified exports mean nothing.
 *
 * <p>Class names are written as strings: the test code lives in {@code org.hakmem.assembly}, which cannot see
 * {@code org.hakmem.api.os.unmap} at compile time, and should not.
 */
final class HakmemArchitecture {

    private static final String API = "org.hakmem.api..";
    private static final String OS_LAYER = "org.hakmem.api.os..";
    private static final String UNMAP = "org.hakmem.api.os.unmap..";
    private static final String MUNMAP = "org.hakmem.api.os.unmap.Munmap";
    private static final String BOXES = "org.hakmem.box..";
    private static final String BATCH = "org.hakmem.box.batch..";
    private static final String ASSEMBLY = "org.hakmem.assembly..";
    private static final String JDK = "java..";

    private HakmemArchitecture() {
    }

    /**
     * 1a. Only Batch calls munmap. The C version shipped this bug twice: it called munmap right after adding a block
     * to the batch, and its BigCache eviction callback called munmap directly, bypassing the batch.
     */
    static final ArchRule ONLY_BATCH_CALLS_MUNMAP = methods()
            .that().areDeclaredIn(MUNMAP)
            .should().onlyBeCalled().byClassesThat().resideInAPackage(BATCH)
            .because("BigCache retains for warm reuse; on cold eviction, hand off to Batch; only Batch may munmap");

    /**
     * 1b. Nobody but Batch (and the OS layer munmap belongs to) even depends on the munmap package: no field of its
     * type, no {@code Munmap::unmap} handed around as an eviction callback, which 1a, counting calls, would not see.
     */
    static final ArchRule ONLY_BATCH_SEES_THE_UNMAP_PACKAGE = noClasses()
            .that().resideOutsideOfPackages(BATCH, OS_LAYER)
            .should().dependOnClassesThat().resideInAPackage(UNMAP)
            .because("a reference to munmap outside Batch is a munmap waiting to happen behind Batch's back");

    /** 2a. A Box builds on the API and the JDK only: never on the assembly that wires it. */
    static final ArchRule BOXES_DEPEND_ONLY_ON_THE_API_AND_THE_JDK = classes()
            .that().resideInAPackage(BOXES)
            .should().onlyDependOnClassesThat().resideInAnyPackage(API, BOXES, JDK)
            .because("a Box is a swappable part: it may know the contract it fills, never the rest of the machine");

    /** 2b. Boxes never depend on each other; together with 2a a Box depends only on the API, itself and the JDK. */
    static final ArchRule BOXES_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("org.hakmem.box.(*)..").namingSlices("Box $1")
            .should().notDependOnEachOther()
            .because("Boxes reach each other only through the API (BoxContext.batch()), so any one can be swapped");

    /** 3. The API is the bottom layer: it knows no Box and not the assembly. */
    static final ArchRule API_DEPENDS_ON_NO_BOX_AND_NOT_ON_THE_ASSEMBLY = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(BOXES, ASSEMBLY)
            .because("the API is the contract every Box and every user compiles against, so it cannot depend on them");

    /**
     * 4. No package cycles anywhere in hakmem. Every package is its own slice ({@code org.hakmem.(**)}): that is the
     * level JPMS does not guard (the module graph is acyclic by construction, and rules 2 and 3 keep it so on the
     * class path), so a cycle between, say, {@code api.os} and {@code api.spi} would otherwise go unnoticed.
     */
    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("org.hakmem.(**)").namingSlices("package org.hakmem.$1")
            .should().beFreeOfCycles()
            .because("packages in a cycle can only be understood, tested and replaced together");

    /** 5. Only the assembly looks providers up; a Box gets everything it needs from its BoxContext. */
    static final ArchRule ONLY_THE_ASSEMBLY_USES_SERVICE_LOADER = noClasses()
            .that().resideOutsideOfPackage(ASSEMBLY)
            .should().dependOnClassesThat().belongToAnyOf(ServiceLoader.class)
            .because("the configuration picks each slot's provider, and only the assembly reads the configuration");
}
