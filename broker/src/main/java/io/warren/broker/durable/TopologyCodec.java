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
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;

import java.util.Map;

/**
 * Encodes topology records with the AMQP wire primitives: names as short strings, arguments as
 * field tables. Field tables keep every value's type, so a queue redeclared after a restart is
 * compared with exactly the arguments it was declared with.
 */
final class TopologyCodec {
    private static final int VHOST = 1;
    private static final int EXCHANGE_DECLARED = 2;
    private static final int EXCHANGE_DELETED = 3;
    private static final int QUEUE_DECLARED = 4;
    private static final int QUEUE_DELETED = 5;
    private static final int BOUND = 6;
    private static final int UNBOUND = 7;

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
        }
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
