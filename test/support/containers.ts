import { KafkaContainer } from '@testcontainers/kafka';
import { MongoDBContainer } from '@testcontainers/mongodb';
import { GenericContainer } from 'testcontainers';

/** Where Docker exists: real MongoDB (replica set), Apache Kafka and stripe-mock as containers. */
export const startContainers = async () => {
  const [mongo, kafka, stripe] = await Promise.all([
    new MongoDBContainer('mongo:7').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().withExposedPorts(9093).start(),
    new GenericContainer('stripe/stripe-mock:v0.188.0').withExposedPorts(12111).start(),
  ]);
  const env = {
    MONGO_URL: `${mongo.getConnectionString()}/?directConnection=true`,
    KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    STRIPE_API_BASE: `http://${stripe.getHost()}:${stripe.getMappedPort(12111)}`,
  };
  return {
    env,
    stop: async () => {
      await Promise.all([mongo.stop(), kafka.stop(), stripe.stop()]);
    },
  };
};
