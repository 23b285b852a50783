/* test-cli-submit.c
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

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-secret-store.h"

/* `pkio-order submit` and `status` as processes, against an in-process
 * CertCentral stand-in, with the key in the harness's keyring. */

typedef struct
{
  SoupServer *server;
  char       *base_url;
  PkioTestOrderMode mode;
  guint       posts;
  char       *key_seen;
  char       *body_seen;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *answer = "{\"id\":112233,\"certificate_id\":113}";

  g_free (f->key_seen);
  f->key_seen = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                        "X-DC-DEVKEY"));

  if (g_str_equal (method, "GET") && g_str_equal (path, "/services/v2/order/certificate/112233"))
    {
      answer = "{\"id\":112233,\"status\":\"pending\"}";
      pkio_test_server_respond (msg, 200, answer);
      return;
    }

  f->posts++;
  g_free (f->body_seen);
  f->body_seen = g_strndup (soup_server_message_get_request_body (msg)->data,
                            soup_server_message_get_request_body (msg)->length);

  if (pkio_test_server_take_order (msg, path, f->mode, f->posts, NULL))
    pkio_test_server_respond (msg, 201, answer);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = pkio_test_server_new (handler, f, &f->base_url);

  /* The key the command will find for this address. */
  pkio_test_save_api_key (f->base_url, "PKIOCLISUBMITKEY");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  g_free (f->base_url);
  g_free (f->key_seen);
  g_free (f->body_seen);
}

/* Runs the command while this process keeps serving. */
static int
run (Fixture     *f,
     char       **out,
     char       **err,
     const char  *command,
     const char  *arg)
{
  return pkio_test_run_cli (NULL, f->base_url, out, err, command, arg);
}

static void
test_submit_prints_order_id (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autoptr(JsonNode) printed = NULL;
  g_autoptr(JsonNode) expected = json_from_string ("{\"id\":112233,\"certificate_id\":113}", NULL);

  if (!pkio_test_in_harness ())
    return;

  g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 0);
  printed = json_from_string (out, NULL);
  g_assert_nonnull (printed);
  g_assert_true (json_node_equal (printed, expected));
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_cmpstr (f->key_seen, ==, "PKIOCLISUBMITKEY");

  /* What went out is the documented body itself, as a JSON value. */
  {
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) file = NULL;
    g_autoptr(JsonNode) sent = json_from_string (f->body_seen, NULL);

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    file = json_from_string (text, NULL);
    g_assert_true (json_node_equal (sent, file));
  }
}

static void
test_submit_refuses_invalid (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "broken-1.json", NULL);

  if (!pkio_test_in_harness ())
    return;

  /* Nothing invalid is sent: each problem is listed with its path. */
  g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 1);
  g_assert_cmpuint (f->posts, ==, 0);
  g_assert_nonnull (strstr (out, ": "));
}

static void
test_submit_waits_after_429 (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");

  if (!pkio_test_in_harness ())
    return;

  f->mode = PKIO_TEST_ORDER_429_THEN_OK;
  g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 0);
  g_assert_nonnull (strstr (out, "112233"));
  /* The user is told when the next attempt is. */
  g_assert_nonnull (strstr (err, "trying again in 1 s"));
  g_assert_cmpuint (f->posts, ==, 2);
}

static void
test_submit_dropped_is_unknown (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");

  if (!pkio_test_in_harness ())
    return;

  f->mode = PKIO_TEST_ORDER_DROP;
  g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 3);
  g_assert_nonnull (strstr (err, "not known whether"));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (f->posts, ==, 1);
}

static void
test_submit_unreadable (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!pkio_test_in_harness ())
    return;

  g_assert_cmpint (run (f, &out, &err, "submit", "/nonexistent/order.json"), ==, 2);
  g_assert_cmpuint (f->posts, ==, 0);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!pkio_test_in_harness ())
    return;

  g_assert_cmpint (run (f, &out, &err, "status", "112233"), ==, 0);
  g_assert_cmpstr (out, ==, "112233\tpending\n");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "status", "not-a-number"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pkio/cli/submit/prints-order-id", test_submit_prints_order_id);
  ADD ("/pkio/cli/submit/waits-after-429", test_submit_waits_after_429);
  ADD ("/pkio/cli/submit/dropped-is-unknown", test_submit_dropped_is_unknown);
  ADD ("/pkio/cli/submit/unreadable", test_submit_unreadable);
  ADD ("/pkio/cli/submit/refuses-invalid", test_submit_refuses_invalid);
  ADD ("/pkio/cli/status", test_status);

  return g_test_run ();
}
