# Smoke test with Ruby's Bunny (Debian's ruby-bunny): round-trips one message as guest.
#
# Usage: smoke.rb HOST PORT. Declares a server-named exclusive queue, publishes one message with
# publisher confirms, consumes it with a manual ack, and checks body and properties came back
# unchanged and that the ack removed it. Exits 0 only if all of that held.
require "bunny"
require "securerandom"
require "timeout"

DELIVERY_TIMEOUT_SECONDS = 10

def smoke_failed(reason)
  abort "bunny smoke: #{reason}"
end

abort "usage: smoke.rb HOST PORT" unless ARGV.length == 2
host = ARGV[0]
port = Integer(ARGV[1])

message_id = SecureRandom.uuid
# Every byte value, so a broker that treats bodies as text is caught.
body = "warren smoke #{message_id} ".b + (0..255).to_a.pack("C*")
headers = { "x-smoke-client" => "bunny", "x-attempt" => 3 }

connection = Bunny.new(host: host, port: port, vhost: "/", user: "guest", password: "guest",
                       automatically_recover: false, connection_timeout: DELIVERY_TIMEOUT_SECONDS,
                       log_level: :warn)
connection.start
begin
  channel = connection.create_channel
  queue = channel.queue("", exclusive: true)
  smoke_failed "server-named queue is #{queue.name.inspect}" unless queue.name.start_with?("amq.gen-")
  channel.confirm_select
  channel.default_exchange.publish(body, routing_key: queue.name, mandatory: true,
                                         content_type: "application/octet-stream",
                                         message_id: message_id, headers: headers)
  smoke_failed "publish was not confirmed" unless channel.wait_for_confirms

  deliveries = Queue.new
  consumer = queue.subscribe(manual_ack: true) do |info, properties, payload|
    deliveries << [info, properties, payload]
  end
  info, properties, received = begin
    Timeout.timeout(DELIVERY_TIMEOUT_SECONDS) { deliveries.pop }
  rescue Timeout::Error
    smoke_failed "no delivery within #{DELIVERY_TIMEOUT_SECONDS} s"
  end
  smoke_failed "body changed: sent #{body.inspect}, got #{received.inspect}" unless received.b == body
  unless properties.message_id == message_id && properties.content_type == "application/octet-stream"
    smoke_failed "properties changed: #{properties.inspect}"
  end
  smoke_failed "headers changed: sent #{headers}, got #{properties.headers}" unless properties.headers == headers
  smoke_failed "first delivery is flagged redelivered" if info.redelivered?
  channel.ack(info.delivery_tag)
  consumer.cancel
  # Closing the channel requeues whatever it left unacked, so an empty queue afterwards shows
  # the ack was applied.
  channel.close

  left, = connection.create_channel.basic_get(queue.name, manual_ack: false)
  smoke_failed "message still queued after its ack" unless left.nil?
ensure
  connection.close if connection.open?
end
puts "bunny smoke: ok"
