/* test-hostile.c
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

#include <errno.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-client.h"
#include "pkio-client-private.h"
#include "pkio-order-json.h"
#include "pkio-secret-store.h"
#include "pkio-test-utils.h"

/* The client and the command line against a hostile CertCentral: a server
 * on 127.0.0.1 that redirects, nests, floods, never ends or trickles, and a
 * second host on 127.0.0.2 that records every request it gets. The second
 * host must never hear from us, the key least of all. */

#define API_KEY "PKIOHOSTILEKEY"
#define SEC G_USEC_PER_SEC

/* The client's limits (pkio-client.c): a receipt, a page of orders, and
 * the chunk it reads at a time. */
#define LIMIT_RECEIPT (64 * 1024)
#define LIMIT_PAGE    (4 * 1024 * 1024)
#define READ_CHUNK    (16 * 1024)

typedef enum
{
  MODE_REDIRECT,
  MODE_DEEP,
  MODE_GIANT,
  MODE_GIANT_CHUNKED,
  MODE_ENDLESS,
  MODE_TRICKLE,
  MODE_RETRY_AFTER,
} Mode;

typedef struct
{
  SoupServer *server;
  SoupServer *other;
  char       *base_url;
  char       *other_url;    /* with user:password@, which must never be echoed */
  Mode        mode;
  guint       status;       /* for MODE_REDIRECT */
  const char *retry_after;  /* for MODE_RETRY_AFTER */
  guint       requests;
  guint       other_requests;
  guint       ended;        /* answers finished or aborted on the base server */
  gsize       written;      /* bytes the base server queued for an endless body */
  GPtrArray  *trickles;     /* SoupServerMessage being trickled */
  guint       trickle_source;
} Fixture;

static void
other_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  const char *answer = "{\"id\":666,\"certificate_id\":666,\"status\":\"issued\",\"orders\":[]}";

  /* Whatever comes here is the failure; answer like CertCentral would, so
   * that following the redirect looks like success to the caller. */
  f->other_requests++;
  soup_server_message_set_status (msg, 201, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, answer,
                                    strlen (answer));
}

static void
endless_wrote_chunk_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Fixture *f = user_data;
  static char block[64 * 1024];

  if (block[0] == '\0')
    memset (block, ' ', sizeof block);

  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            block, sizeof block);
  f->written += sizeof block;
}

static gboolean
trickle_cb (gpointer user_data)
{
  Fixture *f = user_data;

  for (guint i = 0; i < f->trickles->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (f->trickles, i);

      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                " ", 1);
      soup_server_message_unpause (msg);
    }

  return G_SOURCE_CONTINUE;
}

static void
trickle_wrote_chunk_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  soup_server_message_pause (msg);
}

static void
message_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  Fixture *f = user_data;

  f->ended++;
  g_ptr_array_remove (f->trickles, msg);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *location = NULL;

  f->requests++;
  g_assert_cmpstr (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "X-DC-DEVKEY"), ==, API_KEY);

  switch (f->mode)
    {
    case MODE_REDIRECT:
      location = g_strconcat (f->other_url, path, NULL);
      soup_server_message_set_redirect (msg, f->status, location);
      return;

    case MODE_DEEP:
      {
        /* 100,000 nested arrays, as in the issue, about 200 KB; to an
         * order, 32,000, to stay under the receipt's size limit and reach
         * the parser. */
        guint depth = g_str_equal (soup_server_message_get_method (msg), "POST") ? 32000 : 100000;
        GString *text = g_string_sized_new (2 * depth + 1);

        for (guint i = 0; i < depth; i++)
          g_string_append_c (text, '[');
        for (guint i = 0; i < depth; i++)
          g_string_append_c (text, ']');
        soup_server_message_set_status (msg, 201, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                          text->str, text->len);
        g_string_free (text, FALSE);
      }
      return;

    case MODE_GIANT:
    case MODE_GIANT_CHUNKED:
      {
        /* Valid JSON, 8 MiB of it. */
        gsize size = 8 * 1024 * 1024;
        char *text = g_malloc (size);

        memset (text, ' ', size);
        text[0] = '{';
        text[size - 1] = '}';
        soup_server_message_set_status (msg, 201, NULL);
        if (f->mode == MODE_GIANT_CHUNKED)
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, size);
      }
      return;

    case MODE_ENDLESS:
      soup_server_message_set_status (msg, 201, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                "[", 1);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (endless_wrote_chunk_cb), f);
      return;

    case MODE_TRICKLE:
      soup_server_message_set_status (msg, 201, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                "{", 1);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (trickle_wrote_chunk_cb), f);
      g_ptr_array_add (f->trickles, msg);
      if (f->trickle_source == 0)
        f->trickle_source = g_timeout_add (100, trickle_cb, f);
      return;

    case MODE_RETRY_AFTER:
      soup_message_headers_replace (headers, "Retry-After", f->retry_after);
      soup_server_message_set_status (msg, 429, NULL);
      return;

    default:
      g_assert_not_reached ();
    }
}

static char *
listen_on (SoupServer *server,
           const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *uri;

  soup_server_listen (server, socket_address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return uri;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *other = NULL;

  f->trickles = g_ptr_array_new ();

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/services/v2", handler, f, NULL);
  g_signal_connect (f->server, "request-finished", G_CALLBACK (message_done_cb), f);
  g_signal_connect (f->server, "request-aborted", G_CALLBACK (message_done_cb), f);
  uri = listen_on (f->server, "127.0.0.1");
  f->base_url = g_strconcat (uri, "services/v2", NULL);

  f->other = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->other, NULL, other_handler, f, NULL);
  other = listen_on (f->other, "127.0.0.2");
  g_assert_true (g_str_has_prefix (other, "http://127.0.0.2:"));
  /* http://user:password@127.0.0.2:PORT, without the trailing slash. */
  f->other_url = g_strdup_printf ("http://pkio:S3CRETPW@%s", other + strlen ("http://"));
  f->other_url[strlen (f->other_url) - 1] = '\0';
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_handle_id (&f->trickle_source, g_source_remove);
  soup_server_disconnect (f->server);
  soup_server_disconnect (f->other);
  g_assert_finalize_object (f->server);
  g_assert_finalize_object (f->other);
  g_ptr_array_unref (f->trickles);
  g_free (f->base_url);
  g_free (f->other_url);
}

static PkioClient *
new_client (Fixture *f)
{
  PkioClient *client = pkio_client_new (f->base_url);
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (1000, SEC, 100000, SEC);

  pkio_client_set_api_key (client, API_KEY);
  pkio_client_set_rate_limiter (client, limiter);

  return client;
}

static JsonNode *
order_body (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);

  return pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
}

typedef enum
{
  CALL_SUBMIT,
  CALL_GET,
  CALL_LIST,
  CALL_CANCEL,
  CALL_USER,
  N_CALLS
} Call;

/* Makes @call and waits for it; returns the error it ended with. */
static GError *
call (PkioClient *client,
      Call        what)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  switch (what)
    {
    case CALL_SUBMIT:
      body = order_body ();
      pkio_client_submit_order_async (client, body, NULL, pkio_test_result_cb, &result);
      g_assert_null (pkio_client_submit_order_finish (client, pkio_test_wait_result (&result),
                                                      &error));
      break;
    case CALL_GET:
      pkio_client_get_order_async (client, 112233, NULL, pkio_test_result_cb, &result);
      node = pkio_client_get_order_finish (client, pkio_test_wait_result (&result), &error);
      break;
    case CALL_LIST:
      pkio_client_list_orders_async (client, NULL, NULL, pkio_test_result_cb, &result);
      node = pkio_client_list_orders_finish (client, pkio_test_wait_result (&result), &error);
      break;
    case CALL_CANCEL:
      pkio_client_cancel_order_async (client, 112233, "test", NULL, pkio_test_result_cb, &result);
      g_assert_false (pkio_client_cancel_order_finish (client, pkio_test_wait_result (&result),
                                                       &error));
      break;
    case CALL_USER:
      pkio_client_get_user_async (client, NULL, pkio_test_result_cb, &result);
      node = pkio_client_get_user_finish (client, pkio_test_wait_result (&result), &error);
      break;
    case N_CALLS:
    default:
      g_assert_not_reached ();
    }

  g_assert_null (node);
  g_assert_nonnull (error);

  return error;
}

static const guint redirect_codes[] = { 301, 302, 303, 307, 308 };

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PkioClient) client = new_client (f);
  g_autofree char *host = g_strndup (f->other_url + strlen ("http://pkio:S3CRETPW@"), 64);
  g_autofree char *where = g_strconcat ("http://", host, NULL);

  f->mode = MODE_REDIRECT;
  for (guint i = 0; i < G_N_ELEMENTS (redirect_codes); i++)
    {
      for (Call what = 0; what < N_CALLS; what++)
        {
          g_autoptr(GError) error = NULL;

          g_test_message ("%u to call %d", redirect_codes[i], what);
          f->status = redirect_codes[i];
          error = call (client, what);

          /* An order answered with a redirect may have been handled:
           * outcome unknown, never a receipt from elsewhere. */
          if (what == CALL_SUBMIT)
            g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
          else
            g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_BAD_RESPONSE);
          g_assert_nonnull (strstr (error->message, "redirect to"));
          g_assert_nonnull (strstr (error->message, where));
          g_assert_null (strstr (error->message, "S3CRETPW"));
          g_assert_cmpuint (f->other_requests, ==, 0);
        }
    }

  g_assert_cmpuint (f->requests, ==, G_N_ELEMENTS (redirect_codes) * N_CALLS);
  g_assert_cmpuint (f->other_requests, ==, 0);
}

static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PkioClient) client = new_client (f);
  g_autoptr(GError) submit_error = NULL;
  g_autoptr(GError) get_error = NULL;

  /* Reaching the end of this test is the check: the parser's recursion
   * overflowed the stack on 100,000 levels. */
  f->mode = MODE_DEEP;
  submit_error = call (client, CALL_SUBMIT);
  g_assert_error (submit_error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
  g_assert_nonnull (strstr (submit_error->message, "could not be read"));
  get_error = call (client, CALL_GET);
  g_assert_error (get_error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (get_error->message, "could not be read"));
}

static void
test_giant (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PkioClient) client = new_client (f);
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GError) submit_error = NULL;

  f->mode = GPOINTER_TO_INT (data);

  /* A page of orders may be large, but not this large. */
  list_error = call (client, CALL_LIST);
  g_assert_error (list_error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (list_error->message, "larger than"));
  g_assert_cmpuint (_pkio_client_get_last_bytes_read (client), <=, LIMIT_PAGE + READ_CHUNK);

  /* A receipt is small; an order answered with more is outcome unknown. */
  submit_error = call (client, CALL_SUBMIT);
  g_assert_error (submit_error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
  g_assert_nonnull (strstr (submit_error->message, "larger than"));
  g_assert_cmpuint (_pkio_client_get_last_bytes_read (client), <=, LIMIT_RECEIPT + READ_CHUNK);
}

static void
test_endless (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PkioClient) client = new_client (f);
  g_autoptr(GError) error = NULL;

  f->mode = MODE_ENDLESS;
  error = call (client, CALL_LIST);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than"));
  g_assert_cmpuint (_pkio_client_get_last_bytes_read (client), <=, LIMIT_PAGE + READ_CHUNK);

  /* And the connection is dropped, not drained in the background: the
   * server sees the answer end. */
  while (f->ended < 1)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("the server queued %" G_GSIZE_FORMAT " bytes", f->written);
}

static void
test_trickle (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PkioClient) client = new_client (f);
  g_autoptr(GError) get_error = NULL;
  g_autoptr(GError) submit_error = NULL;

  /* A byte every 100 ms never trips the idle timeout; only the deadline
   * for the whole exchange ends it. Short here, 60 s in use. */
  f->mode = MODE_TRICKLE;
  pkio_client_set_deadline (client, 1);

  get_error = call (client, CALL_GET);
  g_assert_error (get_error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_TIMEOUT);

  /* The order went out: what CertCentral did with it is unknown. */
  submit_error = call (client, CALL_SUBMIT);
  g_assert_error (submit_error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);

  while (f->ended < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->requests, ==, 2);
}

typedef struct
{
  gint64 delay;
  GCancellable *cancellable;
} RetrySeen;

static void
retry_scheduled_cb (PkioClient *client,
                    guint       attempt,
                    gint64      delay,
                    gpointer    user_data)
{
  RetrySeen *seen = user_data;

  /* What the wait would be is all this test needs. */
  seen->delay = delay;
  g_cancellable_cancel (seen->cancellable);
}

static void
test_odd_retry_after (Fixture       *f,
                      gconstpointer  data)
{
  static const char *values[] = { "-5", "-0", "999999999", "99999999999999999999999", "soon",
                                  "1e3", "Tue, 01 Dec 2099 10:00:00 GMT" };

  f->mode = MODE_RETRY_AFTER;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(PkioClient) client = new_client (f);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      RetrySeen seen = { -1, cancellable };

      g_test_message ("Retry-After: %s", values[i]);
      f->retry_after = values[i];
      g_signal_connect (client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb), &seen);
      pkio_client_get_order_async (client, 112233, cancellable, pkio_test_result_cb, &result);
      g_assert_null (pkio_client_get_order_finish (client, pkio_test_wait_result (&result),
                                                   &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      /* The documented first wait, 5 s: not 120 s, not zero. */
      g_assert_cmpint (seen.delay, ==, 5 * SEC);
    }
}

/* The command line, as a person runs it, with the key in the keyring. */

static gboolean
in_harness (void)
{
  if (g_getenv ("PKIO_TEST_HARNESS") != NULL && g_getenv ("PKIO_ORDER_BIN") != NULL)
    return TRUE;

  g_test_skip ("needs the keyring that build-aux/run-tests starts");
  return FALSE;
}

static void
save_key (Fixture *f)
{
  pkio_test_save_api_key (f->base_url, API_KEY);
}

static int
run_full (Fixture     *f,
          const char  *base_url,
          const char  *fail_writes,
          char       **out,
          char       **err,
          const char  *command,
          const char  *arg)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_dir_make_tmp ("pkio-hostile-XXXXXX", &error);
  int status;

  g_assert_no_error (error);
  /* An outbox of its own for each run. */
  launcher = pkio_test_cli_launcher_new (data);
  if (fail_writes != NULL)
    g_subprocess_launcher_setenv (launcher, "PKIO_STORE_TEST_FAIL_WRITES", fail_writes, TRUE);
  /* Signals (a stack overflow's SIGSEGV) are failures of their own: the
   * runner asserts that the command exited. */
  status = pkio_test_run_cli (launcher, base_url, out, err, command, arg);
  g_test_message ("%s %s → %d\n%s%s", command, arg, status, *out, *err);

  /* Nothing a hostile server or disk does is a programming error. */
  g_assert_null (strstr (*err, "CRITICAL"));
  g_assert_null (strstr (*err, "WARNING"));

  return status;
}

static int
run (Fixture     *f,
     char       **out,
     char       **err,
     const char  *command,
     const char  *arg)
{
  return run_full (f, f->base_url, NULL, out, err, command, arg);
}

static void
test_cli_redirects (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = pkio_test_data_path ("example-1.json");

  if (!in_harness ())
    return;

  save_key (f);
  f->mode = MODE_REDIRECT;
  for (guint i = 0; i < G_N_ELEMENTS (redirect_codes); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      f->status = redirect_codes[i];

      /* 3: outcome unknown, nothing printed as a receipt. */
      g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 3);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, "redirect to http://127.0.0.2:"));
      g_assert_null (strstr (err, "S3CRETPW"));
      g_assert_null (strstr (err, "666"));

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (f, &out, &err, "status", "112233"), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, "redirect to http://127.0.0.2:"));
      g_assert_null (strstr (err, "S3CRETPW"));

      g_assert_cmpuint (f->other_requests, ==, 0);
    }
}

static void
test_cli_deep (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!in_harness ())
    return;

  save_key (f);
  f->mode = MODE_DEEP;
  g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 3);
  g_assert_nonnull (strstr (err, "could not be read"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, &out, &err, "status", "112233"), ==, 1);
  g_assert_nonnull (strstr (err, "could not be read"));
}

static void
test_cli_giant (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!in_harness ())
    return;

  save_key (f);
  f->mode = MODE_GIANT;
  g_assert_cmpint (run (f, &out, &err, "submit", path), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "larger than"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  f->mode = MODE_ENDLESS;
  g_assert_cmpint (run (f, &out, &err, "status", "112233"), ==, 1);
  g_assert_nonnull (strstr (err, "larger than"));
}

/* The disk fills up after the order is queued, before it is marked as
 * being sent: nothing goes out, and the person is told what to do. */
static void
test_cli_disk_full (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *enospc = g_strdup_printf ("%d@1", ENOSPC);

  if (!in_harness ())
    return;

  save_key (f);
  f->mode = MODE_REDIRECT;
  f->status = 307;
  g_assert_cmpint (run_full (f, f->base_url, enospc, &out, &err, "submit", path), ==, 1);
  g_assert_nonnull (strstr (err, "Free some disk space"));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (f->requests, ==, 0);
  g_assert_cmpuint (f->other_requests, ==, 0);
}

/* An address with a user name and password is refused, and neither is
 * repeated. */
static void
test_cli_userinfo_not_echoed (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autofree char *url = g_strconcat (f->other_url, "/services/v2", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_getenv ("PKIO_ORDER_BIN") == NULL)
    {
      g_test_skip ("needs PKIO_ORDER_BIN");
      return;
    }

  g_assert_cmpint (run_full (f, url, NULL, &out, &err, "submit", path), ==, 1);
  g_assert_nonnull (strstr (err, "user name or password"));
  g_assert_nonnull (strstr (err, "127.0.0.2"));
  g_assert_null (strstr (err, "S3CRETPW"));
  g_assert_null (strstr (err, "pkio:"));
  g_assert_cmpuint (f->other_requests, ==, 0);
}

/* `validate` on a file nested 100,000 deep: a message, not a crash. */
static void
test_cli_validate_deep (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pkio-hostile-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *text = g_malloc (200001);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_getenv ("PKIO_ORDER_BIN") == NULL)
    {
      g_test_skip ("needs PKIO_ORDER_BIN");
      return;
    }

  memset (text, '[', 100000);
  memset (text + 100000, ']', 100000);
  text[200000] = '\0';
  g_assert_true (g_file_set_contents (path, text, -1, &error));

  g_assert_cmpint (run (f, &out, &err, "validate", path), ==, 2);
  g_assert_nonnull (strstr (err, "nested more than 64 levels"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pkio_test_pin_today ();

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/pkio/hostile/redirects", test_redirects, NULL);
  ADD ("/pkio/hostile/deep-nesting", test_deep_nesting, NULL);
  ADD ("/pkio/hostile/giant", test_giant, GINT_TO_POINTER (MODE_GIANT));
  ADD ("/pkio/hostile/giant-chunked", test_giant, GINT_TO_POINTER (MODE_GIANT_CHUNKED));
  ADD ("/pkio/hostile/endless", test_endless, NULL);
  ADD ("/pkio/hostile/trickle", test_trickle, NULL);
  ADD ("/pkio/hostile/odd-retry-after", test_odd_retry_after, NULL);
  ADD ("/pkio/hostile/cli/redirects", test_cli_redirects, NULL);
  ADD ("/pkio/hostile/cli/deep", test_cli_deep, NULL);
  ADD ("/pkio/hostile/cli/giant", test_cli_giant, NULL);
  ADD ("/pkio/hostile/cli/disk-full", test_cli_disk_full, NULL);
  ADD ("/pkio/hostile/cli/userinfo-not-echoed", test_cli_userinfo_not_echoed, NULL);
  ADD ("/pkio/hostile/cli/validate-deep", test_cli_validate_deep, NULL);

  return g_test_run ();
}
