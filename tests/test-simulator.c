/* test-simulator.c
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

#include "pkio-test-utils.h"

#include <string.h>

#include "pkio-client.h"
#include "pkio-simulator.h"

/* The practice-mode CertCentral, driven through the real client: each
 * documented call and each injected fault answers as the notes describe. */

typedef struct
{
  PkioSimulator *simulator;
  PkioClient    *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->simulator = pkio_simulator_new ();
  g_assert_true (pkio_simulator_start (f->simulator, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pkio_simulator_get_base_url (f->simulator),
                                   "http://127.0.0.1:"));

  f->client = pkio_client_new (pkio_simulator_get_base_url (f->simulator));
  pkio_client_set_api_key (f->client, PKIO_SIMULATOR_API_KEY);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->simulator);
}

static JsonNode *
example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return json_from_string (text, NULL);
}

static PkioOrderReceipt *
submit (Fixture     *f,
        JsonNode    *body,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_submit_order_async (f->client, body, NULL, pkio_test_result_cb, &result);
  return pkio_client_submit_order_finish (f->client, pkio_test_wait_result (&result), error);
}

static JsonNode *
get_order (Fixture  *f,
           gint64    id,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_get_order_async (f->client, id, NULL, pkio_test_result_cb, &result);
  return pkio_client_get_order_finish (f->client, pkio_test_wait_result (&result), error);
}

static void
test_order_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) body = example ("example-1.json");
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(PkioOrderReceipt) second = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  receipt = submit (f, body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->id, >, 0);
  g_assert_cmpint (receipt->certificate_id, >, 0);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);

  /* Order ids are assigned, one per order. */
  second = submit (f, body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->id, !=, receipt->id);

  order = get_order (f, receipt->id, &error);
  g_assert_no_error (error);
  object = json_node_get_object (order);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, receipt->id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                   "certificate"),
                                                   "common_name"), ==, "John Doe");

  /* Pending turns to issued once the issue delay has passed. */
  pkio_simulator_set_issue_delay (f->simulator, 0);
  g_clear_pointer (&order, json_node_unref);
  order = get_order (f, receipt->id, &error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "status"), ==,
                   "issued");

  /* An order that does not exist is not_found|order. */
  g_clear_pointer (&order, json_node_unref);
  order = get_order (f, 999, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NOT_FOUND);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) body = example ("example-1.json");
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *ship;
  GPtrArray *api_errors;
  gboolean zip = FALSE, csa = FALSE;

  ship = json_object_get_object_member (json_node_get_object (body), "ship_info");
  json_object_remove_member (ship, "zip");
  json_object_set_boolean_member (json_node_get_object (body), "csa_agreed_to", FALSE);

  receipt = submit (f, body, &error);
  g_assert_null (receipt);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_VALIDATION);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 0);

  api_errors = pkio_client_error_get_api_errors (error);
  g_assert_nonnull (api_errors);
  for (guint i = 0; i < api_errors->len; i++)
    {
      const PkioApiError *api_error = g_ptr_array_index (api_errors, i);

      if (g_strcmp0 (api_error->code, "required_param:ship_info.zip") == 0)
        zip = TRUE;
      if (g_strcmp0 (api_error->field, "csa_agreed_to") == 0)
        csa = TRUE;
    }
  g_assert_true (zip);
  g_assert_true (csa);
}

static void
test_list_and_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) body = example ("example-1.json");
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_seconds (before, -1);

  receipt = submit (f, body, &error);
  g_assert_no_error (error);

  pkio_client_find_orders_async (f->client, "john.doe@example.com", since, NULL, pkio_test_result_cb,
                                 &result);
  found = pkio_client_find_orders_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (found, 0), "id"),
                   ==, receipt->id);

  g_clear_object (&result);
  g_clear_pointer (&found, json_array_unref);
  pkio_client_find_orders_async (f->client, "someone.else@example.com", since, NULL, pkio_test_result_cb,
                                 &result);
  found = pkio_client_find_orders_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_cmpuint (json_array_get_length (found), ==, 0);

  /* A pending order can be canceled, once. */
  g_clear_object (&result);
  pkio_client_cancel_order_async (f->client, receipt->id, "Entered twice", NULL, pkio_test_result_cb,
                                  &result);
  g_assert_true (pkio_client_cancel_order_finish (f->client, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  order = get_order (f, receipt->id, &error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "status"), ==,
                   "canceled");

  g_clear_object (&result);
  pkio_client_cancel_order_async (f->client, receipt->id, "Again", NULL, pkio_test_result_cb, &result);
  g_assert_false (pkio_client_cancel_order_finish (f->client, pkio_test_wait_result (&result), &error));
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_VALIDATION);
}

static void
test_user_me (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) user = NULL;

  pkio_client_get_user_async (f->client, NULL, pkio_test_result_cb, &result);
  user = pkio_client_get_user_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pkio_client_user_order_permission (user), ==, PKIO_ORDER_PERMISSION_ALLOWED);

  /* Any other key is refused. */
  g_clear_object (&result);
  g_clear_pointer (&user, json_node_unref);
  pkio_client_set_api_key (f->client, "not-the-key");
  pkio_client_get_user_async (f->client, NULL, pkio_test_result_cb, &result);
  user = pkio_client_get_user_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_UNAUTHORIZED);
}

static void
retry_cb (PkioClient *client,
          guint       attempt,
          gint64      delay,
          guint      *retries)
{
  (*retries)++;
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) body = example ("example-2.json");
  g_autoptr(GError) error = NULL;
  guint retries = 0;

  g_signal_connect (f->client, "retry-scheduled", G_CALLBACK (retry_cb), &retries);

  /* 429 once: a refusal, retried after Retry-After, then placed. */
  {
    g_autoptr(PkioOrderReceipt) receipt = NULL;

    pkio_simulator_set_fault (f->simulator, PKIO_SIMULATOR_FAULT_RATE_LIMITED, 1);
    receipt = submit (f, body, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (retries, ==, 1);
    g_assert_cmpuint (pkio_simulator_get_n_rate_limited (f->simulator), ==, 1);
    g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  }

  /* 5xx without a body after an order: outcome unknown, not resent. */
  {
    g_autoptr(PkioOrderReceipt) receipt = NULL;
    guint requests = pkio_simulator_get_n_requests (f->simulator);

    pkio_simulator_set_fault (f->simulator, PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
    receipt = submit (f, body, &error);
    g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
    g_assert_cmpuint (pkio_simulator_get_n_requests (f->simulator), ==, requests + 1);
    g_clear_error (&error);
  }

  /* A dropped connection after the body: outcome unknown, not resent. */
  {
    g_autoptr(PkioOrderReceipt) receipt = NULL;
    guint requests = pkio_simulator_get_n_requests (f->simulator);

    pkio_simulator_set_fault (f->simulator, PKIO_SIMULATOR_FAULT_DROP_CONNECTION, 1);
    receipt = submit (f, body, &error);
    g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
    g_assert_cmpuint (pkio_simulator_get_n_requests (f->simulator), ==, requests + 1);
    g_clear_error (&error);
  }

  /* The fault was for one request: the next order is placed. */
  {
    g_autoptr(PkioOrderReceipt) receipt = submit (f, body, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 2);
  }
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  /* A client that does not pace itself meets the documented 100 per 5 s. */
  g_autoptr(PkioRateLimiter) unlimited = pkio_rate_limiter_new_full (1000, 1, 1000, 1);
  GAsyncResult *results[101] = { NULL };
  g_autoptr(GError) error = NULL;
  guint refused = 0;

  pkio_client_set_rate_limiter (f->client, unlimited);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    pkio_client_get_order_async (f->client, 1, NULL, pkio_test_result_cb, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(JsonNode) order = NULL;

      pkio_test_wait_result (&results[i]);
      order = pkio_client_get_order_finish (f->client, results[i], &error);
      /* not_found for the first 100; the 101st is told to slow down and,
       * without a Retry-After, sent again after the client's own 5 s, when
       * the window allows it. */
      g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_object_unref (results[i]);
    }

  /* 101 calls, of which exactly one was answered 429 and sent again. */
  refused = pkio_simulator_get_n_requests (f->simulator) - G_N_ELEMENTS (results);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_rate_limited (f->simulator), ==, refused);
}

static void
test_answer_delay (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) body = example ("example-1.json");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* A slow CertCentral: the order is placed at once, only the answer is
   * held back, so the client sees nothing until the delay has passed. */
  pkio_simulator_set_answer_delay (f->simulator, 1500);
  start = g_get_monotonic_time ();
  pkio_client_submit_order_async (f->client, body, NULL, pkio_test_result_cb, &result);

  while (pkio_simulator_get_n_orders (f->simulator) == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (result);

  receipt = pkio_client_submit_order_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->id, >, 0);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  /* A lower bound only: a timeout never fires early, however loaded the
   * machine is. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500 * 1000);

  /* Every answer waits, errors too. */
  {
    g_autoptr(JsonNode) order = NULL;

    g_clear_object (&result);
    pkio_client_get_order_async (f->client, 1, NULL, pkio_test_result_cb, &result);
    while (pkio_simulator_get_n_requests (f->simulator) < 2)
      g_main_context_iteration (NULL, TRUE);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_null (result);
    order = pkio_client_get_order_finish (f->client, pkio_test_wait_result (&result), &error);
    g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NOT_FOUND);
  }
}

static PkioSimulator *
start_another (PkioClient **client)
{
  g_autoptr(GError) error = NULL;
  PkioSimulator *simulator = pkio_simulator_new ();

  g_assert_true (pkio_simulator_start (simulator, &error));
  g_assert_no_error (error);
  *client = pkio_client_new (pkio_simulator_get_base_url (simulator));
  pkio_client_set_api_key (*client, PKIO_SIMULATOR_API_KEY);

  return simulator;
}

/* Each launch of the app starts a simulator of its own: the numbers of
 * one run are never handed out again by the next, and the next answers
 * for the orders of the first as the first would have. */
static void
test_numbers_across_runs (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) body = example ("example-1.json");
  g_autoptr(PkioOrderReceipt) first = NULL;
  g_autoptr(PkioOrderReceipt) second = NULL;
  g_autoptr(PkioOrderReceipt) later = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  PkioSimulator *simulator;
  PkioClient *client;
  JsonObject *object;

  first = submit (f, body, &error);
  g_assert_no_error (error);
  second = submit (f, body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->id, >, first->id);

  /* The next run: the app quit, its simulator with it. */
  g_clear_object (&f->client);
  g_clear_object (&f->simulator);
  f->simulator = start_another (&f->client);

  later = submit (f, body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (later->id, >, second->id);
  g_assert_cmpint (later->certificate_id, !=, first->certificate_id);
  g_assert_cmpint (later->certificate_id, !=, second->certificate_id);

  /* The first run's order is still pending a minute long, then issued,
   * with the certificate number it was given. */
  order = get_order (f, first->id, &error);
  g_assert_no_error (error);
  object = json_node_get_object (order);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, first->id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "certificate"),
                                               "id"), ==, first->certificate_id);
  pkio_simulator_set_issue_delay (f->simulator, 0);
  g_clear_pointer (&order, json_node_unref);
  order = get_order (f, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "status"), ==,
                   "issued");

  /* It can be cancelled while pending, and stays so. */
  pkio_simulator_set_issue_delay (f->simulator, 3600);
  pkio_client_cancel_order_async (f->client, second->id, "test", NULL, pkio_test_result_cb,
                                  &result);
  g_assert_true (pkio_client_cancel_order_finish (f->client, pkio_test_wait_result (&result),
                                                  &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, json_node_unref);
  order = get_order (f, second->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "status"), ==,
                   "canceled");
  /* Only the orders placed in this run are counted and listed. */
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);

  /* A number no run can have given yet is not found. */
  g_clear_pointer (&order, json_node_unref);
  order = get_order (f, later->id + 100 * 3600, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A third run, at once: still no number twice. */
  simulator = start_another (&client);
  {
    g_autoptr(PkioOrderReceipt) third = NULL;

    g_clear_object (&result);
    pkio_client_submit_order_async (client, body, NULL, pkio_test_result_cb, &result);
    third = pkio_client_submit_order_finish (client, pkio_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (third->id, >, later->id);
  }
  g_object_unref (client);
  g_object_unref (simulator);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pkio/simulator/order-lifecycle", test_order_lifecycle);
  ADD ("/pkio/simulator/validation", test_validation);
  ADD ("/pkio/simulator/list-and-cancel", test_list_and_cancel);
  ADD ("/pkio/simulator/user-me", test_user_me);
  ADD ("/pkio/simulator/faults", test_faults);
  ADD ("/pkio/simulator/rate-limit", test_rate_limit);
  ADD ("/pkio/simulator/answer-delay", test_answer_delay);
  ADD ("/pkio/simulator/numbers-across-runs", test_numbers_across_runs);

  return g_test_run ();
}
