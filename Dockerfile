# Warren's container image.
#
#   mvn -B -q -DskipTests package     # leaves server/target/warren.jar
#   sudo docker/make-base-image.sh    # once: local base images, no registry needed
#   docker build -t warren .
#
# The jar is built on the host rather than in a build stage: the tests build this image right
# after Maven has packaged the jar, and a second Maven build inside the engine (downloading
# every dependency again, with no cache between runs) would double the time for the same bytes.
ARG JDK_IMAGE=warren-jdk:bookworm
ARG BASE_IMAGE=warren-base:bookworm

FROM ${JDK_IMAGE} AS runtime
# The classic builder keeps this stage's image as cache, and it changes with every jar; the label
# lets it be found and removed: docker image prune --filter label=io.warren.build-stage
LABEL io.warren.build-stage=runtime
COPY docker/build-runtime.sh /build/build-runtime.sh
COPY server/target/warren.jar /build/warren.jar
RUN /build/build-runtime.sh /build/warren.jar /opt/java

FROM ${BASE_IMAGE}
# A fixed uid/gid, as RabbitMQ's image has, so a bind-mounted data directory can be prepared
# for it on the host.
RUN groupadd --system --gid 999 warren \
 && useradd --system --uid 999 --gid warren --home-dir /var/lib/warren --shell /usr/sbin/nologin warren \
 && install -d -o warren -g warren -m 0750 /var/lib/warren
COPY --from=runtime /opt/java /opt/java
COPY docker/warren.conf /etc/warren/warren.conf
COPY server/target/warren.jar /opt/warren/warren.jar
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    WARREN_CONFIG=/etc/warren/warren.conf \
    WARREN_DATA_DIR=/var/lib/warren
USER warren:warren
WORKDIR /var/lib/warren
VOLUME /var/lib/warren
# AMQP, the management HTTP API, Prometheus metrics, and their TLS ports when listeners.ssl.*,
# management.ssl.* or prometheus.ssl.* enable them (RabbitMQ's usual 5671, 15671, 15691).
EXPOSE 5672 15672 15692 5671 15671 15691
# JVM options go in JAVA_TOOL_OPTIONS, which the JVM reads itself, so no shell sits between
# the container's stop signal and the broker's shutdown.
ENTRYPOINT ["java", "-jar", "/opt/warren/warren.jar"]
