package io.warren.broker.access;

/** The three kinds of access a permission grants, named as RabbitMQ names them. */
public enum Access {
    CONFIGURE, WRITE, READ
}
