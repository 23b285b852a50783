/* pkio-simulator.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-order.h"
#include "pkio-simulator.h"
#include "pkio-validate.h"

/* A CertCentral stand-in on 127.0.0.1, for practice mode and for tests.
 * It answers the calls the app makes as api/ and certcentral-notes.md
 * describe them: it checks order bodies with the app's own contract code
 * and answers {"errors":[{code, message}]} for what is wrong, assigns order
 * ids, lets orders go from pending to issued after a delay, enforces the
 * documented rate limits, and can be told to misbehave. It runs on the main
 * context it was started from; nothing it does blocks. */

#define API_PREFIX       "/services/v2"
#define ORDER_PATH       "order/certificate/pkio_qualified_burger"
#define ORDERS_PATH      "order/certificate"
#define PRODUCT_NAME     "PKIo Citizen - Signing"
#define BURST_COUNT      100
#define BURST_WINDOW     (5 * G_USEC_PER_SEC)
#define SUSTAINED_COUNT  1000
#define SUSTAINED_WINDOW (180 * G_USEC_PER_SEC)
/* Order numbers are the centiseconds since 2026-01-01 00:00 UTC at which
 * the order was placed (or the last number plus one, if higher): a new run
 * never hands out a number an earlier one did, since the documented rate
 * limits keep the numbers from running ahead of the clock by more than a
 * burst of 100, a second at most. The number also says when an order was
 * placed, so an order from an earlier run is answered as it would have been
 * had this run placed it. The lowest one is the number the first
 * simulator started at. */
#define ID_EPOCH         G_GINT64_CONSTANT (1767225600)
#define ID_UNITS_PER_SEC 100
#define FIRST_ORDER_ID   100001

typedef struct
{
  gint64     id;
  char      *email;
  char      *common_name;
  GDateTime *created;
  gboolean   canceled;
} SimOrder;

struct _PkioSimulator
{
  GObject             parent_instance;

  SoupServer         *server;
  GMainContext       *context;      /* the one it was started from */
  char               *base_url;
  GPtrArray          *orders;       /* SimOrder */
  GPtrArray          *earlier;      /* SimOrder, of earlier runs, as asked about */
  GQueue              recent;       /* request times, µs, oldest first */
  gint64              last_order_id;
  guint               n_requests;
  guint               n_rate_limited; /* 429 answers, injected or earned */
  guint               issue_delay;  /* seconds */
  guint               answer_delay; /* milliseconds */
  PkioSimulatorFault  fault;
  guint               fault_count;  /* 0: every request */
};

G_DEFINE_FINAL_TYPE (PkioSimulator, pkio_simulator, G_TYPE_OBJECT)

static void
sim_order_free (SimOrder *order)
{
  g_free (order->email);
  g_free (order->common_name);
  g_clear_pointer (&order->created, g_date_time_unref);
  g_free (order);
}

static gint64
order_id_for_time (gint64 real_time_us)
{
  return real_time_us / (G_USEC_PER_SEC / ID_UNITS_PER_SEC) - ID_EPOCH * ID_UNITS_PER_SEC;
}

static GDateTime *
order_id_to_time (gint64 id)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (ID_EPOCH);

  return g_date_time_add (epoch, id * (G_USEC_PER_SEC / ID_UNITS_PER_SEC));
}

static gint64
take_order_id (PkioSimulator *self)
{
  self->last_order_id = MAX (self->last_order_id + 1,
                             MAX (FIRST_ORDER_ID, order_id_for_time (g_get_real_time ())));
  return self->last_order_id;
}

static const char *
sim_order_status (PkioSimulator *self,
                  SimOrder      *order)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (order->canceled)
    return "canceled";
  if (g_date_time_difference (now, order->created) >= (GTimeSpan) self->issue_delay * G_USEC_PER_SEC)
    return "issued";
  return "pending";
}

static SimOrder *
find_order (PkioSimulator *self,
            gint64         id)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      SimOrder *order = g_ptr_array_index (self->orders, i);

      if (order->id == id)
        return order;
    }

  return NULL;
}

/* An order of an earlier run: its number says when it was placed, so it
 * goes from pending to issued as if this run had placed it. What it held
 * is gone with that run; a number no run can have given is not found. */
static SimOrder *
find_earlier_order (PkioSimulator *self,
                    gint64         id)
{
  SimOrder *order;

  if (id < FIRST_ORDER_ID || id > order_id_for_time (g_get_real_time ()))
    return NULL;

  for (guint i = 0; i < self->earlier->len; i++)
    {
      order = g_ptr_array_index (self->earlier, i);
      if (order->id == id)
        return order;
    }

  order = g_new0 (SimOrder, 1);
  order->id = id;
  order->created = order_id_to_time (id);
  order->email = g_strdup ("");
  order->common_name = g_strdup ("");
  /* Kept, so that a cancellation sticks for the rest of this run. */
  g_ptr_array_add (self->earlier, order);

  return order;
}

/* Answers */

typedef struct
{
  SoupServerMessage *msg;
  gint64             not_before;  /* monotonic µs: the answer delay */
  gint64             order_id;    /* 0, or held until the clock has passed it */
} Hold;

static void
hold_free (Hold *hold)
{
  g_object_unref (hold->msg);
  g_free (hold);
}

static gboolean
unpause_cb (gpointer data)
{
  Hold *hold = data;

  /* The real-time clock and the monotonic one the timeout runs on need
   * not agree to the millisecond: look again rather than trust it. */
  if (g_get_monotonic_time () < hold->not_before ||
      (hold->order_id > 0 && order_id_for_time (g_get_real_time ()) <= hold->order_id))
    return G_SOURCE_CONTINUE;

  soup_server_message_unpause (hold->msg);
  return G_SOURCE_REMOVE;
}

/* @order_id: a number just handed out; the answer is held until the clock
 * has passed it (milliseconds at most), so that no later run, which numbers
 * by the clock, can hand it out again. */
static void
answer_full (PkioSimulator     *self,
             SoupServerMessage *msg,
             guint              status,
             JsonNode          *body,
             gint64             order_id)
{
  gint64 wait_ms = self->answer_delay;

  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&text), len);
    }

  if (order_id > 0 && order_id_for_time (g_get_real_time ()) <= order_id)
    wait_ms = MAX (wait_ms, 1000 / ID_UNITS_PER_SEC);
  else
    order_id = 0;

  if (wait_ms > 0)
    {
      g_autoptr(GSource) source = g_timeout_source_new (order_id > 0 ? 1000 / ID_UNITS_PER_SEC
                                                                     : wait_ms);
      Hold *hold = g_new0 (Hold, 1);

      hold->msg = g_object_ref (msg);
      hold->not_before = g_get_monotonic_time () + (gint64) self->answer_delay * 1000;
      hold->order_id = order_id;
      /* On the server's own context, which need not be the default one
       * (the benchmark runs the simulator in a thread of its own). */
      soup_server_message_pause (msg);
      g_source_set_callback (source, unpause_cb, hold, (GDestroyNotify) hold_free);
      g_source_attach (source, self->context);
    }
}

static void
answer (PkioSimulator     *self,
        SoupServerMessage *msg,
        guint              status,
        JsonNode          *body)
{
  answer_full (self, msg, status, body, 0);
}

static void
answer_errors (PkioSimulator     *self,
               SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer (self, msg, status, body);
}

static char *
format_date (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S+00:00");
}

/* One certificate per order, numbered apart from orders but derived from
 * the order number, so that it too is the same in every run. */
static gint64
certificate_id (SimOrder *order)
{
  return order->id + G_GINT64_CONSTANT (5000000000);
}

static JsonNode *
order_to_json (PkioSimulator *self,
               SimOrder      *order)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = format_date (order->created);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, order->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sim_order_status (self, order));
  json_builder_set_member_name (builder, "date_created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "certificate");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, certificate_id (order));
  json_builder_set_member_name (builder, "common_name");
  json_builder_add_string_value (builder, order->common_name);
  json_builder_set_member_name (builder, "signature_hash");
  json_builder_add_string_value (builder, "sha256");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "product");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name_id");
  json_builder_add_string_value (builder, "pkio_qualified_burger");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, PRODUCT_NAME);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Calls */

static void
place_order (PkioSimulator     *self,
             SoupServerMessage *msg)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrder) parsed = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  SimOrder *order;

  if (!pkio_order_json_check_data (request->data, request->length, &problems, &error))
    {
      answer_errors (self, msg, SOUP_STATUS_BAD_REQUEST, "bad_request_format",
                     "The request body is not valid JSON.");
      return;
    }

  /* Every problem, as CertCentral lists them: a missing parameter is
   * required_param:<path>, anything else invalid_value:<path>. */
  if (problems->len > 0)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        {
          const PkioOrderProblem *problem = g_ptr_array_index (problems, i);
          gboolean missing = g_error_matches (problem->error, PKIO_VALIDATE_ERROR,
                                              PKIO_VALIDATE_ERROR_EMPTY);
          g_autofree char *code = g_strdup_printf ("%s:%s",
                                                   missing ? "required_param" : "invalid_value",
                                                   problem->path);
          g_autofree char *message = missing
            ? g_strdup_printf ("%s is a required parameter.", problem->path)
            : g_strdup_printf ("%s is invalid.", problem->path);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, code);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
      answer (self, msg, SOUP_STATUS_BAD_REQUEST, body);
      return;
    }

  none = pkio_order_problem_list_new ();
  parsed = pkio_order_new_from_json_data (request->data, request->length, none, NULL);

  order = g_new0 (SimOrder, 1);
  order->id = take_order_id (self);
  order->created = g_date_time_new_now_utc ();
  if (parsed != NULL)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      g_object_get (parsed, "email", &order->email, "first-name", &first, "last-name", &last,
                    NULL);
      order->common_name = g_strjoin (" ", first ? first : "", last ? last : "", NULL);
      g_strstrip (order->common_name);
    }
  if (order->email == NULL)
    order->email = g_strdup ("");
  if (order->common_name == NULL)
    order->common_name = g_strdup ("");
  g_ptr_array_add (self->orders, order);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, order->id);
  json_builder_set_member_name (builder, "certificate_id");
  json_builder_add_int_value (builder, certificate_id (order));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  answer_full (self, msg, SOUP_STATUS_CREATED, body, order->id);
}

static const char *
query_value (GHashTable *query,
             const char *key)
{
  const char *value = query ? g_hash_table_lookup (query, key) : NULL;

  return value && value[0] ? value : NULL;
}

static void
list_orders (PkioSimulator     *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *status = query_value (query, "filters[status]");
  const char *product = query_value (query, "filters[product_name_id]");
  const char *email = query_value (query, "filters[email]");
  guint64 offset = 0, limit = 1000;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  guint total = 0;

  if (query_value (query, "offset"))
    g_ascii_string_to_unsigned (query_value (query, "offset"), 10, 0, G_MAXUINT, &offset, NULL);
  if (query_value (query, "limit"))
    g_ascii_string_to_unsigned (query_value (query, "limit"), 10, 1, 1000, &limit, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->orders->len; i++)
    {
      SimOrder *order = g_ptr_array_index (self->orders, i);

      if (product != NULL && !g_str_equal (product, "pkio_qualified_burger"))
        continue;
      if (email != NULL && g_ascii_strcasecmp (email, order->email) != 0)
        continue;
      if (status != NULL && !g_str_equal (status, sim_order_status (self, order)))
        continue;

      if (total >= offset && total < offset + limit)
        {
          g_autoptr(JsonNode) node = order_to_json (self, order);

          json_builder_add_value (builder, g_steal_pointer (&node));
        }
      total++;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "page");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, limit);
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, offset);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer (self, msg, SOUP_STATUS_OK, body);
}

static void
cancel_order (PkioSimulator     *self,
              SoupServerMessage *msg,
              SimOrder          *order)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) root = json_from_string (request->data ? request->data : "", NULL);
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *status = object ? json_object_get_string_member_with_default (object, "status", NULL)
                              : NULL;
  const char *note = object ? json_object_get_string_member_with_default (object, "note", NULL)
                            : NULL;

  if (object == NULL)
    answer_errors (self, msg, SOUP_STATUS_BAD_REQUEST, "bad_request_format",
                   "The request body is not valid JSON.");
  else if (g_strcmp0 (status, "canceled") != 0)
    answer_errors (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_value:status",
                   "status must be canceled.");
  else if (note == NULL || note[0] == '\0')
    answer_errors (self, msg, SOUP_STATUS_BAD_REQUEST, "required_param:note",
                   "note is a required parameter.");
  else if (!g_str_equal (sim_order_status (self, order), "pending"))
    answer_errors (self, msg, SOUP_STATUS_BAD_REQUEST, "invalid_value:status",
                   "Only a pending order can be canceled.");
  else
    {
      order->canceled = TRUE;
      answer (self, msg, SOUP_STATUS_NO_CONTENT, NULL);
    }
}

static void
user_me (PkioSimulator     *self,
         SoupServerMessage *msg)
{
  g_autoptr(JsonNode) body = json_from_string ("{\"id\":1,\"username\":\"practice\","
                                               "\"first_name\":\"Practice\",\"last_name\":\"Desk\","
                                               "\"email\":\"practice@example.com\","
                                               "\"status\":\"active\",\"access_roles\":"
                                               "[{\"id\":100,\"name\":\"Orders\"}]}", NULL);

  answer (self, msg, SOUP_STATUS_OK, body);
}

/* The documented limits, on a rolling window. */
static gboolean
over_rate_limit (PkioSimulator *self)
{
  gint64 now = g_get_monotonic_time ();
  guint in_burst = 0;

  while (!g_queue_is_empty (&self->recent) &&
         now - *(gint64 *) g_queue_peek_head (&self->recent) >= SUSTAINED_WINDOW)
    g_free (g_queue_pop_head (&self->recent));

  for (GList *l = self->recent.tail; l != NULL && now - *(gint64 *) l->data < BURST_WINDOW; l = l->prev)
    in_burst++;

  if (in_burst >= BURST_COUNT || self->recent.length >= SUSTAINED_COUNT)
    return TRUE;

  g_queue_push_tail (&self->recent, g_memdup2 (&now, sizeof now));
  return FALSE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *full_path,
         GHashTable        *query,
         gpointer           user_data)
{
  PkioSimulator *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "X-DC-DEVKEY");
  const char *path = full_path + strlen (API_PREFIX);
  PkioSimulatorFault fault = PKIO_SIMULATOR_FAULT_NONE;
  gint64 id = 0;
  char *end = NULL;

  self->n_requests++;
  while (*path == '/')
    path++;

  if (self->fault != PKIO_SIMULATOR_FAULT_NONE)
    {
      fault = self->fault;
      if (self->fault_count > 0 && --self->fault_count == 0)
        self->fault = PKIO_SIMULATOR_FAULT_NONE;
    }

  switch (fault)
    {
    case PKIO_SIMULATOR_FAULT_DROP_CONNECTION:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
        return;
      }

    case PKIO_SIMULATOR_FAULT_SERVER_ERROR:
      answer (self, msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;

    case PKIO_SIMULATOR_FAULT_RATE_LIMITED:
      self->n_rate_limited++;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      answer_errors (self, msg, 429, "request_limit_exceeded",
                     "Service unavailable, please limit request volume");
      return;

    case PKIO_SIMULATOR_FAULT_NONE:
    default:
      break;
    }

  if (g_strcmp0 (key, PKIO_SIMULATOR_API_KEY) != 0)
    {
      answer_errors (self, msg, SOUP_STATUS_UNAUTHORIZED, "access_denied|access_denied_invalid_key",
                     "Invalid API key.");
      return;
    }

  if (over_rate_limit (self))
    {
      self->n_rate_limited++;
      answer_errors (self, msg, 429, "request_limit_exceeded",
                     "Service unavailable, please limit request volume");
      return;
    }

  if (g_str_equal (method, "POST") && g_str_equal (path, ORDER_PATH))
    {
      place_order (self, msg);
      return;
    }
  if (g_str_equal (method, "GET") && g_str_equal (path, ORDERS_PATH))
    {
      list_orders (self, msg, query);
      return;
    }
  if (g_str_equal (method, "GET") && g_str_equal (path, "user/me"))
    {
      user_me (self, msg);
      return;
    }

  if (g_str_has_prefix (path, ORDERS_PATH "/"))
    {
      id = g_ascii_strtoll (path + strlen (ORDERS_PATH "/"), &end, 10);
      if (id > 0 && (g_str_equal (end, "") || g_str_equal (end, "/status")))
        {
          SimOrder *order = find_order (self, id);

          if (order == NULL)
            order = find_earlier_order (self, id);

          if (order == NULL)
            answer_errors (self, msg, SOUP_STATUS_NOT_FOUND, "not_found|order", "Order not found.");
          else if (g_str_equal (method, "GET") && g_str_equal (end, ""))
            {
              g_autoptr(JsonNode) body = order_to_json (self, order);

              answer (self, msg, SOUP_STATUS_OK, body);
            }
          else if (g_str_equal (method, "PUT") && g_str_equal (end, "/status"))
            cancel_order (self, msg, order);
          else
            answer_errors (self, msg, SOUP_STATUS_NOT_FOUND, "not_found|route", "Route not found.");
          return;
        }
    }

  answer_errors (self, msg, SOUP_STATUS_NOT_FOUND, "not_found|route", "Route not found.");
}

static void
pkio_simulator_finalize (GObject *object)
{
  PkioSimulator *self = (PkioSimulator *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  g_queue_clear_full (&self->recent, g_free);

  G_OBJECT_CLASS (pkio_simulator_parent_class)->finalize (object);
}

static void
pkio_simulator_class_init (PkioSimulatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_simulator_finalize;
}

static void
pkio_simulator_init (PkioSimulator *self)
{
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_order_free);
  self->earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_order_free);
  g_queue_init (&self->recent);
  self->issue_delay = 60;
}

PkioSimulator *
pkio_simulator_new (void)
{
  return g_object_new (PKIO_TYPE_SIMULATOR, NULL);
}

/**
 * pkio_simulator_start:
 *
 * Listens on 127.0.0.1, on a port the kernel picks; nothing else can
 * reach it.
 */
gboolean
pkio_simulator_start (PkioSimulator  *self,
                      GError        **error)
{
  g_autofree char *uri = NULL;
  GSList *uris;

  g_return_val_if_fail (PKIO_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->context = g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "pkio-order-simulator ", NULL);
  soup_server_add_handler (self->server, API_PREFIX, handler, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->base_url = g_strconcat (uri, g_str_has_suffix (uri, "/") ? "" : "/", "services/v2", NULL);

  return TRUE;
}

/**
 * pkio_simulator_get_base_url:
 *
 * Returns: (nullable): http://127.0.0.1:PORT/services/v2, once started
 */
const char *
pkio_simulator_get_base_url (PkioSimulator *self)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (self), NULL);

  return self->base_url;
}

/**
 * pkio_simulator_set_fault:
 * @count: for how many requests; 0 for all until set again
 */
void
pkio_simulator_set_fault (PkioSimulator      *self,
                          PkioSimulatorFault  fault,
                          guint               count)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (self));

  self->fault = fault;
  self->fault_count = count;
}

/**
 * pkio_simulator_set_issue_delay:
 *
 * How long an order stays pending before it is issued; a minute unless
 * set.
 */
void
pkio_simulator_set_issue_delay (PkioSimulator *self,
                                guint          seconds)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (self));

  self->issue_delay = seconds;
}

/**
 * pkio_simulator_set_answer_delay:
 *
 * Makes every answer wait, as a slow CertCentral would: the request is
 * acted on at once (an order is placed) and only the answer is held.
 */
void
pkio_simulator_set_answer_delay (PkioSimulator *self,
                                 guint          milliseconds)
{
  g_return_if_fail (PKIO_IS_SIMULATOR (self));

  self->answer_delay = milliseconds;
}

guint
pkio_simulator_get_n_orders (PkioSimulator *self)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (self), 0);

  return self->orders->len;
}

guint
pkio_simulator_get_n_requests (PkioSimulator *self)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (self), 0);

  return self->n_requests;
}

/**
 * pkio_simulator_get_n_rate_limited:
 *
 * Returns: how many requests were answered 429, injected or over the
 *   documented limits; a client that paces itself keeps this at 0
 */
guint
pkio_simulator_get_n_rate_limited (PkioSimulator *self)
{
  g_return_val_if_fail (PKIO_IS_SIMULATOR (self), 0);

  return self->n_rate_limited;
}
