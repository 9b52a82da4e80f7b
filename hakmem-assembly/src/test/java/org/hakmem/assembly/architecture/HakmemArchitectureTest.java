// Owns: checking each HakmemArchitecture rule against the production classes, proving each one bites on a planted
// violation (a real class compiled at test time), and guarding against an import so thin that every rule would pass.
package org.hakmem.assembly.architecture;

import static org.hakmem.assembly.architecture.HakmemArchitecture.API_DEPENDS_ON_NO_BOX_AND_NOT_ON_THE_ASSEMBLY;
import static org.hakmem.assembly.architecture.HakmemArchitecture.BOXES_DEPEND_ONLY_ON_THE_API_AND_THE_JDK;
import static org.hakmem.assembly.architecture.HakmemArchitecture.BOXES_DO_NOT_DEPEND_ON_EACH_OTHER;
import static org.hakmem.assembly.architecture.HakmemArchitecture.NO_PACKAGE_CYCLES;
import static org.hakmem.assembly.architecture.HakmemArchitecture.ONLY_BATCH_CALLS_MUNMAP;
import static org.hakmem.assembly.architecture.HakmemArchitecture.ONLY_BATCH_SEES_THE_UNMAP_PACKAGE;
import static org.hakmem.assembly.architecture.HakmemArchitecture.ONLY_THE_ASSEMBLY_USES_SERVICE_LOADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HakmemArchitectureTest {

    private static final JavaClasses PRODUCTION = importProduction(Set.of());

    /** Every main class of every hakmem module on the test class path, plus the planted violations, if any. */
    private static JavaClasses importProduction(Set<Location> planted) {
        Set<Location> locations = new HashSet<>(Locations.ofPackage("org.hakmem"));
        locations.addAll(planted);
        return new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importLocations(locations);
    }

    /**
     * Compiles {@code source} into a real class, imports it together with the production classes and proves that
     * {@code rule} fails on them with a message naming {@code plantedClass}: it is the planted class that bit.
     */
    private static void assertCatches(ArchRule rule, String plantedClass, String source) {
        Location planted = Location.of(PlantedViolations.compile(plantedClass, source));
        JavaClasses classes = importProduction(Set.of(planted));
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(classes));
        assertTrue(failure.getMessage().contains(plantedClass),
                () -> "the failure should name " + plantedClass + ", but says:\n" + failure.getMessage());
    }

    @Nested
    class TheImportIsNotVacuous {

        /**
         * 64 main classes today (hakmem-api 35, the Boxes 12, the assembly 17, nested ones included); the floor leaves
         * room for refactoring. An ArchUnit that cannot read class-file version 69 imports none and passes every rule.
         */
        private static final int AT_LEAST = 50;

        @Test
        void importsAllTheProductionClasses() {
            assertTrue(PRODUCTION.size() >= AT_LEAST,
                    "only " + PRODUCTION.size() + " production classes imported, expected at least " + AT_LEAST);
        }

        @Test
        void everyApiPackageEveryBoxAndTheAssemblyContributeClasses() throws IOException {
            Set<String> missing = new TreeSet<>(Set.of(
                    "org.hakmem.api", "org.hakmem.api.spi", "org.hakmem.api.os", "org.hakmem.api.os.unmap",
                    "org.hakmem.assembly"));
            missing.addAll(boxPackagesOfTheBuild());
            missing.removeAll(PRODUCTION.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()));
            assertEquals(Set.of(), missing, "packages without a single imported class (a Box module must be a"
                    + " dependency of hakmem-assembly, or the rules never see it)");
        }

        /** One package per {@code box-<name>} module of the root pom: {@code org.hakmem.box.<name>}. */
        private static Set<String> boxPackagesOfTheBuild() throws IOException {
            String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "pom.xml"))
                    .replaceAll("(?s)<!--.*?-->", "");
            Set<String> packages = new TreeSet<>();
            Matcher box = Pattern.compile("<module>box-([a-z0-9]+)</module>").matcher(pom);
            while (box.find()) {
                packages.add("org.hakmem.box." + box.group(1));
            }
            assertTrue(packages.size() >= 4, "the root pom should list the Box modules, found " + packages);
            return packages;
        }
    }

    @Nested
    class OnlyBatchMunmaps {

        @Test
        void onlyBatchCallsMunmap() {
            ONLY_BATCH_CALLS_MUNMAP.check(PRODUCTION);
        }

        @Test
        void catchesTheCBugOfAnEvictionCallingMunmapDirectly() {
            assertCatches(ONLY_BATCH_CALLS_MUNMAP, "org.hakmem.box.bigcache.PlantedEviction", """
                    package org.hakmem.box.bigcache;

                    import org.hakmem.api.os.unmap.Munmap;

                    final class PlantedEviction {
                        void evict(long base, long length) {
                            Munmap.unmap(base, length);
                        }
                    }
                    """);
        }

        @Test
        void catchesTheCBugOfMunmapRightAfterABatchAdd() {
            assertCatches(ONLY_BATCH_CALLS_MUNMAP, "org.hakmem.box.bigcache.PlantedReleaseThenUnmap", """
                    package org.hakmem.box.bigcache;

                    import org.hakmem.api.os.unmap.Munmap;
                    import org.hakmem.api.spi.Batch;

                    final class PlantedReleaseThenUnmap {
                        private final Batch batch;

                        PlantedReleaseThenUnmap(Batch batch) {
                            this.batch = batch;
                        }

                        void evict(long base, long length) {
                            batch.release(base, length);
                            Munmap.unmap(base, length);
                        }
                    }
                    """);
        }

        @Test
        void onlyBatchAndTheOsLayerDependOnTheUnmapPackage() {
            ONLY_BATCH_SEES_THE_UNMAP_PACKAGE.check(PRODUCTION);
        }

        @Test
        void catchesAnEvictionCallbackBoundToMunmapWithoutCallingIt() {
            assertCatches(ONLY_BATCH_SEES_THE_UNMAP_PACKAGE, "org.hakmem.box.bigcache.PlantedEvictionCallback", """
                    package org.hakmem.box.bigcache;

                    import org.hakmem.api.os.unmap.Munmap;

                    final class PlantedEvictionCallback {
                        interface Evictor {
                            void evict(long base, long length);
                        }

                        static final Evictor ON_COLD = Munmap::unmap;
                    }
                    """);
        }
    }

    @Nested
    class BoxesStandAlone {

        @Test
        void boxesDependOnlyOnTheApiAndTheJdk() {
            BOXES_DEPEND_ONLY_ON_THE_API_AND_THE_JDK.check(PRODUCTION);
        }

        @Test
        void catchesABoxReachingIntoTheAssembly() {
            assertCatches(BOXES_DEPEND_ONLY_ON_THE_API_AND_THE_JDK,
                    "org.hakmem.box.externalguard.PlantedFallbackAllocator", """
                    package org.hakmem.box.externalguard;

                    import org.hakmem.api.Allocator;
                    import org.hakmem.assembly.Hakmem;

                    final class PlantedFallbackAllocator {
                        static Allocator fallback() {
                            return Hakmem.open();
                        }
                    }
                    """);
        }

        @Test
        void boxesDoNotDependOnEachOther() {
            BOXES_DO_NOT_DEPEND_ON_EACH_OTHER.check(PRODUCTION);
        }

        @Test
        void catchesABoxImportingAnotherBox() {
            assertCatches(BOXES_DO_NOT_DEPEND_ON_EACH_OTHER, "org.hakmem.box.bigcache.PlantedOwnBatch", """
                    package org.hakmem.box.bigcache;

                    import org.hakmem.api.spi.Batch;
                    import org.hakmem.api.spi.BoxContext;
                    import org.hakmem.box.batch.MadviseBatchProvider;

                    final class PlantedOwnBatch {
                        static Batch batch(BoxContext context) {
                            return new MadviseBatchProvider().create(context);
                        }
                    }
                    """);
        }
    }

    @Nested
    class TheApiIsTheBottomLayer {

        @Test
        void apiDependsOnNoBoxAndNotOnTheAssembly() {
            API_DEPENDS_ON_NO_BOX_AND_NOT_ON_THE_ASSEMBLY.check(PRODUCTION);
        }

        @Test
        void catchesAnApiClassImportingTheAssembly() {
            assertCatches(API_DEPENDS_ON_NO_BOX_AND_NOT_ON_THE_ASSEMBLY, "org.hakmem.api.PlantedDefaultAllocator", """
                    package org.hakmem.api;

                    import org.hakmem.assembly.Hakmem;

                    public final class PlantedDefaultAllocator {
                        public static Allocator get() {
                            return Hakmem.open();
                        }
                    }
                    """);
        }
    }

    @Nested
    class NoCycles {

        @Test
        void noPackageCycles() {
            NO_PACKAGE_CYCLES.check(PRODUCTION);
        }

        /** api.spi already depends on api.os (BlockHeader on NativeMemory); the planted class closes the loop. */
        @Test
        void catchesTheOsLayerReachingBackIntoTheSpi() {
            assertCatches(NO_PACKAGE_CYCLES, "org.hakmem.api.os.PlantedHeaderPeek", """
                    package org.hakmem.api.os;

                    import org.hakmem.api.spi.BlockHeader;

                    final class PlantedHeaderPeek {
                        static long usable(long user) {
                            return BlockHeader.usableSize(user);
                        }
                    }
                    """);
        }
    }

    @Nested
    class OnlyTheAssemblyLooksUpProviders {

        @Test
        void onlyTheAssemblyUsesServiceLoader() {
            ONLY_THE_ASSEMBLY_USES_SERVICE_LOADER.check(PRODUCTION);
        }

        @Test
        void catchesABoxLookingUpAnotherSlotItself() {
            assertCatches(ONLY_THE_ASSEMBLY_USES_SERVICE_LOADER, "org.hakmem.box.bigcache.PlantedBatchLookup", """
                    package org.hakmem.box.bigcache;

                    import java.util.ServiceLoader;
                    import org.hakmem.api.spi.Batch;
                    import org.hakmem.api.spi.BatchProvider;
                    import org.hakmem.api.spi.BoxContext;

                    final class PlantedBatchLookup {
                        static Batch batch(BoxContext context) {
                            return ServiceLoader.load(BatchProvider.class).findFirst().orElseThrow().create(context);
                        }
                    }
                    """);
        }
    }
}
