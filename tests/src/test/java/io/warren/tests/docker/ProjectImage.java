package io.warren.tests.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image the repository's Dockerfile builds, as a user would build it, built once per test
 * run and shared by the tests that need it (a build takes 20-40 s). A test class gets it with
 * {@code @ExtendWith(ProjectImage.Resolver.class)} and a {@code ProjectImage} parameter, usually
 * of its {@code @BeforeAll} method; the first one builds it, and it is removed, with the
 * Dockerfile's build stage, when the whole run ends.
 *
 * <p>Skips the test where the local base images that {@code docker/make-base-image.sh} makes are
 * missing (no registry is ever asked for an image). The image packs
 * {@code server/target/warren.jar}, so the server module must be packaged first ({@code mvn
 * verify} does that); outside CI a missing jar skips the test too. Needs a Docker engine: use it
 * in classes marked {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
final class ProjectImage implements ExtensionContext.Store.CloseableResource {
    private static final Path REPOSITORY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final String BASE_IMAGE = "warren-base:bookworm";
    private static final String JDK_IMAGE = "warren-jdk:bookworm";
    /** Set by the Dockerfile on its build stage. */
    private static final String BUILD_STAGE_LABEL = "io.warren.build-stage";

    private final String name;

    private ProjectImage(String name) {
        this.name = name;
    }

    /** The built image's name, to start containers from. */
    String name() {
        return name;
    }

    private static ProjectImage build() {
        assumeTrue(imageExists(BASE_IMAGE) && imageExists(JDK_IMAGE),
                "base images " + BASE_IMAGE + " and " + JDK_IMAGE + " are missing; docker/make-base-image.sh makes them");
        Path jar = REPOSITORY.resolve("server/target/warren.jar");
        String noJar = jar + " is missing; build it with mvn -B -q -DskipTests package";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isRegularFile(jar), noJar);
        } else {
            assumeTrue(Files.isRegularFile(jar), noJar);
        }
        // A name of its own, as a user's build would tag it; not "warren", so nothing a user built
        // is replaced. withDockerfile sends the repository as the build context, filtered by its
        // .dockerignore.
        return new ProjectImage(new ImageFromDockerfile("warren-test:" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT), false)
                .withDockerfile(REPOSITORY.resolve("Dockerfile"))
                .withBuildArg("BASE_IMAGE", BASE_IMAGE)
                .withBuildArg("JDK_IMAGE", JDK_IMAGE)
                .get());
    }

    /**
     * Every run builds a new image, since the jar changes; without Ryuk nothing else removes it.
     * The build stage's image goes too where nothing else uses it (a concurrent build might).
     */
    @Override
    public void close() {
        docker().removeImageCmd(name).withForce(true).exec();
        for (Image stage : docker().listImagesCmd().withDanglingFilter(true).withLabelFilter(BUILD_STAGE_LABEL).exec()) {
            try {
                docker().removeImageCmd(stage.getId()).exec();
            } catch (ConflictException | NotFoundException inUseOrGone) {
                // Another build is using it, or removed it first.
            }
        }
    }

    private static boolean imageExists(String name) {
        try {
            docker().inspectImageCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /**
     * Resolves a {@link ProjectImage} parameter, building the image the first time in the run. It
     * is kept in the root context's store, which closes it after the last test of the run.
     */
    static final class Resolver implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProjectImage.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ProjectImage.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ProjectImage.class, key -> build(), ProjectImage.class);
        }
    }
}
