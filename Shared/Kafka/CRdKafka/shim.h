#include <librdkafka/rdkafka.h>
/* The mock cluster API backs AriannaKafka's KafkaMockCluster (fast tests without a broker). */
#include <librdkafka/rdkafka_mock.h>
