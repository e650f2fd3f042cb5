package io.warren.server.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings RabbitMQ 3.13 accepts that Warren does not act on. A rabbitmq.conf that works with
 * RabbitMQ should boot Warren, so these are accepted with a warning instead of failing the boot the
 * way a truly unknown key does. Plugin namespaces are accepted whole, because plugins add keys from
 * release to release; core keys are listed one by one, so a typo in one is still caught.
 */
final class IgnoredRabbitMqSettings {
    private static final List<KeyPattern> CORE = """
            num_acceptors.tcp
            num_acceptors.ssl
            socket_writer.gc_threshold
            reverse_dns_lookups
            proxy_protocol
            tcp_listen_options
            tcp_listen_options.**
            ssl_options
            ssl_options.cert
            ssl_options.key.**
            ssl_options.crl_check
            ssl_options.crl_sources.**
            ssl_options.dh
            ssl_options.dhfile
            ssl_options.log_alert
            ssl_options.log_level
            ssl_options.psk_identity
            ssl_options.reuse_sessions
            ssl_options.secure_renegotiate
            ssl_options.client_renegotiation
            ssl_options.honor_ecc_order
            ssl_options.bypass_pem_cache
            ssl_allow_poodle_attack
            definitions.import_backend
            definitions.skip_if_unchanged
            definitions.hashing.algorithm
            definitions.https.url
            definitions.tls.**
            auth_backends.*
            auth_backends.*.authn
            auth_backends.*.authz
            credential_validator.validation_backend
            credential_validator.min_length
            credential_validator.regexp
            default_user_tags.*
            default_users.**
            default_policies.**
            default_limits.**
            anonymous_login_user
            anonymous_login_pass
            initial_frame_max
            connection_max
            channel_max_per_node
            consumer_max_per_channel
            vhost_max
            cluster_queue_limit
            vm_memory_high_watermark_paging_ratio
            vm_memory_calculation_strategy
            memory_monitor_interval
            total_memory_available_override_value
            cluster_partition_handling
            cluster_partition_handling.**
            cluster_keepalive_interval
            cluster_formation.**
            delegate_count
            mirroring_sync_batch_size
            mirroring_sync_max_throughput
            queue_master_locator
            queue_leader_locator
            default_queue_type
            classic_queue.**
            quorum_queue.**
            collect_statistics
            collect_statistics_interval
            hipe_compile
            mnesia_table_loading_retry_timeout
            mnesia_table_loading_retry_limit
            message_store_shutdown_timeout
            queue_index_embed_msgs_below
            background_gc_enabled
            background_gc_target_interval
            vhost_restart_strategy
            default_worker_pool_size
            product.name
            product.version
            motd_file
            log.**
            deprecated_features.permit.*
            runtime_parameters.limits.*
            message_interceptors.**
            metadata_store.**
            raft.**
            net_ticktime
            distribution.**
            sysmon_handler.**
            erlang.**
            nodename
            distributed_cookie
            amqp_client.**
            """.lines().map(KeyPattern::of).toList();

    private static final Map<String, String> PLUGINS = Map.ofEntries(
            Map.entry("management", "a part of the management plugin that Warren does not implement"),
            Map.entry("management_agent", "a part of the management plugin that Warren does not implement"),
            Map.entry("prometheus", "a part of the Prometheus plugin that Warren does not implement"),
            Map.entry("mqtt", "the MQTT plugin, which Warren does not have"),
            Map.entry("web_mqtt", "the Web MQTT plugin, which Warren does not have"),
            Map.entry("stomp", "the STOMP plugin, which Warren does not have"),
            Map.entry("web_stomp", "the Web STOMP plugin, which Warren does not have"),
            Map.entry("stream", "the stream plugin, which Warren does not have"),
            Map.entry("amqp1_0", "AMQP 1.0, which Warren does not speak"),
            Map.entry("auth_ldap", "the LDAP authentication backend, which Warren does not have"),
            Map.entry("auth_http", "the HTTP authentication backend, which Warren does not have"),
            Map.entry("auth_oauth2", "the OAuth 2 authentication backend, which Warren does not have"),
            Map.entry("auth_cache", "the authentication cache plugin, which Warren does not have"),
            Map.entry("trust_store", "the trust store plugin, which Warren does not have"),
            Map.entry("event_exchange", "the event exchange plugin, which Warren does not have"),
            Map.entry("aws", "the AWS peer discovery plugin, which Warren does not have"));

    private IgnoredRabbitMqSettings() {}

    /** Why this key is ignored, to finish the sentence "{@code <key>} configures ...", or empty if it is unknown. */
    static Optional<String> reason(List<String> path) {
        String plugin = PLUGINS.get(path.get(0));
        if (plugin != null && path.size() > 1) {
            return Optional.of(plugin);
        }
        for (KeyPattern pattern : CORE) {
            if (pattern.matches(path)) {
                return Optional.of("a RabbitMQ feature Warren does not implement");
            }
        }
        return Optional.empty();
    }

    /** The single keys in the list, for spelling suggestions. */
    static List<String> exactKeys() {
        return CORE.stream().filter(KeyPattern::isExact).map(KeyPattern::toString).toList();
    }
}
