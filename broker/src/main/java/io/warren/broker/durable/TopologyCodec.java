package io.warren.broker.durable;

import io.netty.buffer.ByteBuf;
import io.warren.amqp.FieldTables;
import io.warren.amqp.Wire;
import io.warren.broker.durable.TopologyRecord.Bound;
import io.warren.broker.durable.TopologyRecord.ExchangeDeclared;
import io.warren.broker.durable.TopologyRecord.ExchangeDeleted;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.broker.durable.TopologyRecord.QueueDeleted;
import io.warren.broker.durable.TopologyRecord.Unbound;
import io.warren.broker.durable.TopologyRecord.VhostDeclared;
import io.warren.broker.durable.TopologyRecord.GlobalParameterCleared;
import io.warren.broker.durable.TopologyRecord.GlobalParameterSet;
import io.warren.broker.durable.TopologyRecord.NodeInitialised;
import io.warren.broker.durable.TopologyRecord.ParameterCleared;
import io.warren.broker.durable.TopologyRecord.ParameterSet;
import io.warren.broker.durable.TopologyRecord.PermissionCleared;
import io.warren.broker.durable.TopologyRecord.PermissionSet;
import io.warren.broker.durable.TopologyRecord.PolicyDeleted;
import io.warren.broker.durable.TopologyRecord.PolicySet;
import io.warren.broker.durable.TopologyRecord.TopicPermissionCleared;
import io.warren.broker.durable.TopologyRecord.TopicPermissionSet;
import io.warren.broker.durable.TopologyRecord.UserDeleted;
import io.warren.broker.durable.TopologyRecord.UserPut;
import io.warren.broker.durable.TopologyRecord.VhostDeleted;
import io.warren.broker.durable.TopologyRecord.VhostMetadataSet;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes topology records with the AMQP wire primitives: names as short strings, arguments as
 * field tables. Field tables keep every value's type, so a queue redeclared after a restart is
 * compared with exactly the arguments it was declared with.
 *
 * <p>The access records (users, permissions, parameters, policies; types from 8 on) write every
 * string as a 4-byte length and UTF-8, since user names, regexes and JSON values are not bound
 * to 255 bytes; node-wide ones carry no vhost.
 */
final class TopologyCodec {
    static final int VHOST = 1;
    static final int EXCHANGE_DECLARED = 2;
    static final int EXCHANGE_DELETED = 3;
    static final int QUEUE_DECLARED = 4;
    static final int QUEUE_DELETED = 5;
    static final int BOUND = 6;
    static final int UNBOUND = 7;
    static final int VHOST_DELETED = 8;
    static final int VHOST_METADATA = 9;
    static final int NODE_INITIALISED = 10;
    static final int USER_PUT = 11;
    static final int USER_DELETED = 12;
    static final int PERMISSION_SET = 13;
    static final int PERMISSION_CLEARED = 14;
    static final int TOPIC_PERMISSION_SET = 15;
    static final int TOPIC_PERMISSION_CLEARED = 16;
    static final int PARAMETER_SET = 17;
    static final int PARAMETER_CLEARED = 18;
    static final int GLOBAL_PARAMETER_SET = 19;
    static final int GLOBAL_PARAMETER_CLEARED = 20;
    static final int POLICY_SET = 21;
    static final int POLICY_DELETED = 22;

    private TopologyCodec() {}

    static void write(ByteBuf out, TopologyRecord r) {
        if (r instanceof VhostDeclared v) {
            out.writeByte(VHOST);
            Wire.writeShortStr(out, v.vhost());
        } else if (r instanceof ExchangeDeclared x) {
            out.writeByte(EXCHANGE_DECLARED);
            Wire.writeShortStr(out, x.vhost());
            Wire.writeShortStr(out, x.name());
            Wire.writeShortStr(out, x.type());
            out.writeByte((x.autoDelete() ? 1 : 0) | (x.internal() ? 2 : 0));
            FieldTables.write(out, x.arguments() == null ? Map.of() : x.arguments());
        } else if (r instanceof ExchangeDeleted x) {
            out.writeByte(EXCHANGE_DELETED);
            Wire.writeShortStr(out, x.vhost());
            Wire.writeShortStr(out, x.name());
        } else if (r instanceof QueueDeclared q) {
            out.writeByte(QUEUE_DECLARED);
            Wire.writeShortStr(out, q.vhost());
            Wire.writeShortStr(out, q.name());
            out.writeByte(q.autoDelete() ? 1 : 0);
            FieldTables.write(out, q.arguments() == null ? Map.of() : q.arguments());
        } else if (r instanceof QueueDeleted q) {
            out.writeByte(QUEUE_DELETED);
            Wire.writeShortStr(out, q.vhost());
            Wire.writeShortStr(out, q.name());
        } else if (r instanceof Bound b) {
            out.writeByte(BOUND);
            writeBinding(out, b.vhost(), b.binding());
        } else if (r instanceof Unbound u) {
            out.writeByte(UNBOUND);
            writeBinding(out, u.vhost(), u.binding());
        } else {
            writeAccess(out, r);
        }
    }

    private static void writeAccess(ByteBuf out, TopologyRecord r) {
        if (r instanceof VhostDeleted v) {
            header(out, VHOST_DELETED, v.vhost());
        } else if (r instanceof VhostMetadataSet m) {
            header(out, VHOST_METADATA, m.vhost(), m.description());
            writeList(out, m.tags());
            writeStrings(out, m.defaultQueueType(), m.limitsJson());
        } else if (r instanceof NodeInitialised) {
            out.writeByte(NODE_INITIALISED);
        } else if (r instanceof UserPut u) {
            header(out, USER_PUT, u.name(), u.hashingAlgorithm(), u.passwordHash());
            writeList(out, u.tags());
            writeStrings(out, u.limitsJson());
        } else if (r instanceof UserDeleted u) {
            header(out, USER_DELETED, u.name());
        } else if (r instanceof PermissionSet p) {
            header(out, PERMISSION_SET, p.vhost(), p.user(), p.configure(), p.write(), p.read());
        } else if (r instanceof PermissionCleared p) {
            header(out, PERMISSION_CLEARED, p.vhost(), p.user());
        } else if (r instanceof TopicPermissionSet p) {
            header(out, TOPIC_PERMISSION_SET, p.vhost(), p.user(), p.exchange(), p.write(), p.read());
        } else if (r instanceof TopicPermissionCleared p) {
            header(out, TOPIC_PERMISSION_CLEARED, p.vhost(), p.user());
            out.writeByte(p.exchange() == null ? 0 : 1);
            if (p.exchange() != null) {
                writeStrings(out, p.exchange());
            }
        } else if (r instanceof ParameterSet p) {
            header(out, PARAMETER_SET, p.vhost(), p.component(), p.name(), p.valueJson());
        } else if (r instanceof ParameterCleared p) {
            header(out, PARAMETER_CLEARED, p.vhost(), p.component(), p.name());
        } else if (r instanceof GlobalParameterSet g) {
            header(out, GLOBAL_PARAMETER_SET, g.name(), g.valueJson());
        } else if (r instanceof GlobalParameterCleared g) {
            header(out, GLOBAL_PARAMETER_CLEARED, g.name());
        } else if (r instanceof PolicySet p) {
            header(out, POLICY_SET, p.vhost(), p.name());
            out.writeByte(p.operator() ? 1 : 0);
            writeStrings(out, p.pattern(), p.applyTo());
            out.writeInt(p.priority());
            writeStrings(out, p.definitionJson());
        } else if (r instanceof PolicyDeleted p) {
            header(out, POLICY_DELETED, p.vhost(), p.name());
            out.writeByte(p.operator() ? 1 : 0);
        } else {
            throw new IllegalArgumentException("no encoding for " + r);
        }
    }

    private static void header(ByteBuf out, int type, String... strings) {
        out.writeByte(type);
        writeStrings(out, strings);
    }

    private static void writeStrings(ByteBuf out, String... strings) {
        for (String s : strings) {
            byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        }
    }

    private static void writeList(ByteBuf out, List<String> list) {
        out.writeInt(list.size());
        list.forEach(s -> writeStrings(out, s));
    }

    private static String readString(ByteBuf in) {
        int length = in.readInt();
        if (length < 0 || length > in.readableBytes()) {
            throw new IllegalArgumentException("string length " + length + " past the record's end");
        }
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    private static List<String> readList(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
            throw new IllegalArgumentException("list length " + n + " past the record's end");
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return List.copyOf(list);
    }

    private static TopologyRecord readAccess(int type, ByteBuf in) {
        return switch (type) {
            case VHOST_DELETED -> new VhostDeleted(readString(in));
            case VHOST_METADATA -> new VhostMetadataSet(readString(in), readString(in), readList(in), readString(in),
                    readString(in));
            case NODE_INITIALISED -> new NodeInitialised();
            case USER_PUT -> new UserPut(readString(in), readString(in), readString(in), readList(in), readString(in));
            case USER_DELETED -> new UserDeleted(readString(in));
            case PERMISSION_SET -> new PermissionSet(readString(in), readString(in), readString(in), readString(in),
                    readString(in));
            case PERMISSION_CLEARED -> new PermissionCleared(readString(in), readString(in));
            case TOPIC_PERMISSION_SET -> new TopicPermissionSet(readString(in), readString(in), readString(in),
                    readString(in), readString(in));
            case TOPIC_PERMISSION_CLEARED -> new TopicPermissionCleared(readString(in), readString(in),
                    in.readUnsignedByte() == 0 ? null : readString(in));
            case PARAMETER_SET -> new ParameterSet(readString(in), readString(in), readString(in), readString(in));
            case PARAMETER_CLEARED -> new ParameterCleared(readString(in), readString(in), readString(in));
            case GLOBAL_PARAMETER_SET -> new GlobalParameterSet(readString(in), readString(in));
            case GLOBAL_PARAMETER_CLEARED -> new GlobalParameterCleared(readString(in));
            case POLICY_SET -> new PolicySet(readString(in), readString(in), in.readUnsignedByte() != 0,
                    readString(in), readString(in), in.readInt(), readString(in));
            case POLICY_DELETED -> new PolicyDeleted(readString(in), readString(in), in.readUnsignedByte() != 0);
            default -> throw new IllegalArgumentException("unknown topology record type " + type);
        };
    }

    private static void writeBinding(ByteBuf out, String vhost, Binding b) {
        Wire.writeShortStr(out, vhost);
        Wire.writeShortStr(out, b.source());
        out.writeByte(b.kind() == DestinationKind.QUEUE ? 0 : 1);
        Wire.writeShortStr(out, b.destination());
        Wire.writeShortStr(out, b.routingKey());
        FieldTables.write(out, b.arguments() == null ? Map.of() : b.arguments());
    }

    /** Decodes one record; throws on a type it does not know (the record is then corrupt). */
    static TopologyRecord read(ByteBuf in) {
        int type = in.readUnsignedByte();
        if (type > UNBOUND) {
            return readAccess(type, in);
        }
        String vhost = Wire.readShortStr(in);
        return switch (type) {
            case VHOST -> new VhostDeclared(vhost);
            case EXCHANGE_DECLARED -> {
                String name = Wire.readShortStr(in);
                String xType = Wire.readShortStr(in);
                int flags = in.readUnsignedByte();
                yield new ExchangeDeclared(vhost, name, xType, (flags & 1) != 0, (flags & 2) != 0, FieldTables.read(in));
            }
            case EXCHANGE_DELETED -> new ExchangeDeleted(vhost, Wire.readShortStr(in));
            case QUEUE_DECLARED -> {
                String name = Wire.readShortStr(in);
                boolean autoDelete = in.readUnsignedByte() != 0;
                yield new QueueDeclared(vhost, name, autoDelete, FieldTables.read(in));
            }
            case QUEUE_DELETED -> new QueueDeleted(vhost, Wire.readShortStr(in));
            case BOUND -> new Bound(vhost, readBinding(in));
            case UNBOUND -> new Unbound(vhost, readBinding(in));
            default -> throw new IllegalArgumentException("unknown topology record type " + type);
        };
    }

    private static Binding readBinding(ByteBuf in) {
        String source = Wire.readShortStr(in);
        DestinationKind kind = in.readUnsignedByte() == 0 ? DestinationKind.QUEUE : DestinationKind.EXCHANGE;
        String destination = Wire.readShortStr(in);
        String key = Wire.readShortStr(in);
        return new Binding(source, kind, destination, key, FieldTables.read(in));
    }
}
