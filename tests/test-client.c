/* test-client.c
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

#include <libsoup/soup.h>
#include <string.h>

#include "pkio-client.h"

/* The client against an in-process SoupServer on 127.0.0.1 that answers as
 * api/certcentral-notes.md says CertCentral does, and counts what it was
 * sent, so that "the order was not sent twice" is something it can see. */

#define API_KEY "PKIOTESTKEY0123456789ABCDEF"
#define ORDER_PATH "/services/v2/order/certificate/pkio_qualified_burger"

typedef enum
{
  MODE_OK,
  MODE_VALIDATION,
  MODE_UNAUTHORIZED,
  MODE_FORBIDDEN_KEY,
  MODE_MISSING_PERMISSION,
  MODE_NOT_FOUND,
  MODE_429_THEN_OK,
  MODE_ALWAYS_429,
  MODE_5XX_EMPTY,
  MODE_5XX_ERRORS,
  MODE_HTML,
  MODE_TRUNCATED,
  MODE_WRONG_TYPE,
  MODE_SLOW,
  MODE_DROP_AFTER_BODY,
} Mode;

typedef struct
{
  SoupServer *server;
  char       *base_url;
  Mode        mode;
  guint       order_posts;
  guint       requests;
  char       *last_key;
  char       *last_content_type;
  char       *last_user_agent;
  char       *last_body;
  GHashTable *last_query;
  char       *last_method;
  char       *last_path;
  GPtrArray  *retries;
  GPtrArray  *log;
  PkioClient *client;
  char       *tmpdir;
} Fixture;

static Fixture *current;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields && current != NULL; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        g_ptr_array_add (current->log, g_strdup (fields[i].value));
    }

  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  respond (msg, 201, "application/json", "{\"id\":1,\"certificate_id\":2}");
  soup_server_message_unpause (msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  gboolean is_order = g_str_equal (method, "POST") && g_str_equal (path, ORDER_PATH);

  f->requests++;
  if (is_order)
    f->order_posts++;

  g_free (f->last_key);
  f->last_key = g_strdup (soup_message_headers_get_one (headers, "X-DC-DEVKEY"));
  g_free (f->last_content_type);
  f->last_content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  g_free (f->last_user_agent);
  f->last_user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (f->last_body);
  f->last_body = g_strndup (body->data, body->length);
  g_clear_pointer (&f->last_query, g_hash_table_unref);
  f->last_query = query ? g_hash_table_ref (query) : NULL;
  g_free (f->last_method);
  f->last_method = g_strdup (method);
  g_free (f->last_path);
  f->last_path = g_strdup (path);

  switch (f->mode)
    {
    case MODE_OK:
      if (is_order)
        respond (msg, 201, "application/json", "{\"id\":112233,\"certificate_id\":113}");
      else if (g_str_equal (path, "/services/v2/user/me"))
        respond (msg, 200, "application/json",
                 "{\"id\":7,\"username\":\"desk\",\"access_roles\":[{\"id\":100,\"name\":\"Orders\"}]}");
      else if (g_str_equal (method, "PUT"))
        respond (msg, 204, NULL, NULL);
      else if (g_str_equal (path, "/services/v2/order/certificate"))
        respond (msg, 200, "application/json",
                 "{\"orders\":["
                 "{\"id\":1,\"status\":\"pending\",\"date_created\":\"2026-11-20T10:00:00+00:00\"},"
                 "{\"id\":2,\"status\":\"pending\",\"date_created\":\"2026-11-24T09:59:00+00:00\"},"
                 "{\"id\":3,\"status\":\"issued\",\"date_created\":\"2026-11-24T10:01:00+00:00\"}"
                 "],\"page\":{\"total\":3,\"limit\":1000,\"offset\":0}}");
      else
        respond (msg, 200, "application/json", "{\"id\":112233,\"status\":\"pending\"}");
      break;

    case MODE_VALIDATION:
      respond (msg, 400, "application/json",
               "{\"errors\":[{\"code\":\"required_param:ship_info.zip\","
               "\"message\":\"ship_info.zip is a required parameter.\"},"
               "{\"code\":\"invalid_value:certificate.individual.email\","
               "\"message\":\"Invalid email.\"}]}");
      break;

    case MODE_UNAUTHORIZED:
      respond (msg, 401, "application/json",
               "{\"errors\":[{\"code\":\"access_denied\",\"message\":\"Invalid key.\"}]}");
      break;

    case MODE_FORBIDDEN_KEY:
      respond (msg, 403, "application/json",
               "{\"errors\":[{\"code\":\"access_denied|access_denied_invalid_key\","
               "\"message\":\"Invalid API key.\"}]}");
      break;

    case MODE_MISSING_PERMISSION:
      respond (msg, 403, "application/json",
               "{\"errors\":[{\"code\":\"access_denied|missing_permission\","
               "\"message\":\"Missing permission.\"}]}");
      break;

    case MODE_NOT_FOUND:
      respond (msg, 404, "application/json",
               "{\"errors\":[{\"code\":\"not_found|order\",\"message\":\"Order not found.\"}]}");
      break;

    case MODE_429_THEN_OK:
      if (f->requests == 1)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", "1");
          respond (msg, 429, "application/json",
                   "{\"errors\":[{\"code\":\"request_limit_exceeded\","
                   "\"message\":\"Service unavailable, please limit request volume\"}]}");
        }
      else
        respond (msg, 201, "application/json", "{\"id\":112233,\"certificate_id\":113}");
      break;

    case MODE_ALWAYS_429:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "0");
      respond (msg, 429, "application/json",
               "{\"errors\":[{\"code\":\"request_limit_exceeded\",\"message\":\"Slow down\"}]}");
      break;

    case MODE_5XX_EMPTY:
      respond (msg, 503, NULL, NULL);
      break;

    case MODE_5XX_ERRORS:
      respond (msg, 500, "application/json",
               "{\"errors\":[{\"code\":\"server_error\",\"message\":\"Try later.\"}]}");
      break;

    case MODE_HTML:
      respond (msg, 200, "text/html", "<html><body>Proxy login required</body></html>");
      break;

    case MODE_TRUNCATED:
      respond (msg, 201, "application/json", "{\"id\": 1122");
      break;

    case MODE_WRONG_TYPE:
      respond (msg, 201, "application/json", "[\"id\", 112233]");
      break;

    case MODE_SLOW:
      soup_server_message_pause (msg);
      g_timeout_add (3000, unpause_cb, g_object_ref (msg));
      break;

    case MODE_DROP_AFTER_BODY:
      {
        /* The body was read; the connection goes away before any answer. */
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
run_certtool (const char *dir,
              const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("sh -c 'cd \"%s\" && certtool %s'", dir, args);
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A CA and a server certificate for 127.0.0.1 signed by it, made fresh. */
static void
make_ca (const char *dir,
         const char *prefix,
         gboolean    with_server)
{
  g_autofree char *ca_tmpl = g_build_filename (dir, "ca.tmpl", NULL);
  g_autofree char *srv_tmpl = g_build_filename (dir, "srv.tmpl", NULL);
  g_autofree char *args = NULL;

  g_file_set_contents (ca_tmpl, "cn = PKIo Test CA\nca\ncert_signing_key\nexpiration_days = 2\n",
                       -1, NULL);
  g_file_set_contents (srv_tmpl, "cn = 127.0.0.1\nip_address = 127.0.0.1\ndns_name = localhost\n"
                       "tls_www_server\nsigning_key\nencryption_key\nexpiration_days = 2\n",
                       -1, NULL);

  args = g_strdup_printf ("--generate-privkey --key-type=ecdsa --outfile %s-ca-key.pem "
                          "2>/dev/null", prefix);
  run_certtool (dir, args);
  g_free (args);
  args = g_strdup_printf ("--generate-self-signed --load-privkey %s-ca-key.pem --template ca.tmpl "
                          "--outfile %s-ca.pem 2>/dev/null", prefix, prefix);
  run_certtool (dir, args);

  if (!with_server)
    return;

  g_free (args);
  args = g_strdup_printf ("--generate-privkey --key-type=ecdsa --outfile %s-srv-key.pem "
                          "2>/dev/null", prefix);
  run_certtool (dir, args);
  g_free (args);
  args = g_strdup_printf ("--generate-certificate --load-privkey %s-srv-key.pem "
                          "--load-ca-certificate %s-ca.pem --load-ca-privkey %s-ca-key.pem "
                          "--template srv.tmpl --outfile %s-srv.pem 2>/dev/null",
                          prefix, prefix, prefix, prefix);
  run_certtool (dir, args);
}

static void
start_server (Fixture  *f,
              gboolean  https)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *uri = NULL;

  if (https)
    {
      g_autoptr(GTlsCertificate) cert = NULL;
      g_autofree char *cert_path = g_build_filename (f->tmpdir, "good-srv.pem", NULL);
      g_autofree char *key_path = g_build_filename (f->tmpdir, "good-srv-key.pem", NULL);

      make_ca (f->tmpdir, "good", TRUE);
      cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
      g_assert_no_error (error);
      f->server = soup_server_new ("tls-certificate", cert, NULL);
    }
  else
    {
      f->server = soup_server_new (NULL, NULL);
    }

  soup_server_add_handler (f->server, "/services/v2", handler, f, NULL);
  soup_server_listen_local (f->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* "https://127.0.0.1:PORT/" */
  f->base_url = g_strconcat (uri, uri[strlen (uri) - 1] == '/' ? "" : "/", "services/v2", NULL);

  f->client = pkio_client_new (f->base_url);
  pkio_client_set_api_key (f->client, API_KEY);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmpdir = g_dir_make_tmp ("pkio-client-XXXXXX", NULL);
  f->retries = g_ptr_array_new_with_free_func (g_free);
  f->log = g_ptr_array_new_with_free_func (g_free);
  current = f;

  start_server (f, GPOINTER_TO_INT (data));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->tmpdir);

  /* The API key never reaches a log line, even at G_MESSAGES_DEBUG=all. */
  for (guint i = 0; i < f->log->len; i++)
    g_assert_null (strstr (g_ptr_array_index (f->log, i), API_KEY));

  g_test_message ("finalizing client");
  g_assert_finalize_object (f->client);
  soup_server_disconnect (f->server);
  g_test_message ("finalizing server");
  g_assert_finalize_object (f->server);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  current = NULL;
  g_free (f->tmpdir);
  g_free (f->base_url);
  g_free (f->last_key);
  g_free (f->last_content_type);
  g_free (f->last_user_agent);
  g_free (f->last_body);
  g_free (f->last_method);
  g_free (f->last_path);
  g_clear_pointer (&f->last_query, g_hash_table_unref);
  g_ptr_array_unref (f->retries);
  g_ptr_array_unref (f->log);
}

static JsonNode *
example_order (void)
{
  return json_from_string ("{\"certificate\":{\"signature_hash\":\"sha256\","
                           "\"profile_option\":\"nonrepudiation\",\"individual\":{\"id\":21}},"
                           "\"csa_agreed_to\":true,\"provisioning_method\":\"qscd\","
                           "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"534 Jefferson Street\","
                           "\"addr2\":\"Floor 94\",\"city\":\"New Orleans\",\"state\":\"la\","
                           "\"zip\":\"58061\",\"country\":\"us\",\"method\":\"STANDARD\"},"
                           "\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}",
                           NULL);
}

static PkioOrderReceipt *
submit (Fixture  *f,
        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = example_order ();

  pkio_client_submit_order_async (f->client, body, NULL, pkio_test_result_cb, &result);
  return pkio_client_submit_order_finish (f->client, pkio_test_wait_result (&result), error);
}

static JsonNode *
get_user (Fixture  *f,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_client_get_user_async (f->client, NULL, pkio_test_result_cb, &result);
  return pkio_client_get_user_finish (f->client, pkio_test_wait_result (&result), error);
}

static void
test_submit_ok (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(JsonNode) expected = example_order ();

  receipt = submit (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->id, ==, 112233);
  g_assert_cmpint (receipt->certificate_id, ==, 113);

  /* What CertCentral documents: the key header, JSON, and who we are. */
  g_assert_cmpuint (f->order_posts, ==, 1);
  g_assert_cmpstr (f->last_key, ==, API_KEY);
  g_assert_cmpstr (f->last_content_type, ==, "application/json");
  g_assert_true (g_str_has_prefix (f->last_user_agent, "pkio-order/" PACKAGE_VERSION));
  sent = json_from_string (f->last_body, NULL);
  g_assert_true (json_node_equal (sent, expected));
}

static void
test_submit_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;
  GPtrArray *api_errors;
  const PkioApiError *first, *second;

  f->mode = MODE_VALIDATION;
  answer = submit (f, &error);
  g_assert_null (answer);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_VALIDATION);

  /* Every entry kept, each with the field it names. */
  api_errors = pkio_client_error_get_api_errors (error);
  g_assert_nonnull (api_errors);
  g_assert_cmpuint (api_errors->len, ==, 2);
  first = g_ptr_array_index (api_errors, 0);
  second = g_ptr_array_index (api_errors, 1);
  g_assert_cmpstr (first->code, ==, "required_param:ship_info.zip");
  g_assert_cmpstr (first->field, ==, "ship_info.zip");
  g_assert_cmpstr (second->field, ==, "certificate.individual.email");
  g_assert_nonnull (strstr (error->message, "ship_info.zip is a required parameter."));

  /* The details survive a copy, as errors are passed around. */
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpuint (pkio_client_error_get_api_errors (copy)->len, ==, 2);
  }
}

typedef struct
{
  Mode     mode;
  gboolean order;
  int      expected;
  guint    expected_posts;
} StatusCase;

static const StatusCase status_cases[] = {
  { MODE_UNAUTHORIZED, FALSE, PKIO_CLIENT_ERROR_UNAUTHORIZED, 0 },
  { MODE_FORBIDDEN_KEY, FALSE, PKIO_CLIENT_ERROR_UNAUTHORIZED, 0 },
  { MODE_MISSING_PERMISSION, TRUE, PKIO_CLIENT_ERROR_PERMISSION, 1 },
  { MODE_NOT_FOUND, TRUE, PKIO_CLIENT_ERROR_NOT_FOUND, 1 },
  { MODE_5XX_EMPTY, TRUE, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, 1 },
  { MODE_5XX_EMPTY, FALSE, PKIO_CLIENT_ERROR_SERVER, 0 },
  { MODE_5XX_ERRORS, TRUE, PKIO_CLIENT_ERROR_SERVER, 1 },
  { MODE_HTML, TRUE, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, 1 },
  { MODE_HTML, FALSE, PKIO_CLIENT_ERROR_BAD_RESPONSE, 0 },
  { MODE_TRUNCATED, TRUE, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, 1 },
  { MODE_TRUNCATED, FALSE, PKIO_CLIENT_ERROR_BAD_RESPONSE, 0 },
  { MODE_WRONG_TYPE, TRUE, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, 1 },
  { MODE_WRONG_TYPE, FALSE, PKIO_CLIENT_ERROR_BAD_RESPONSE, 0 },
  { MODE_DROP_AFTER_BODY, TRUE, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, 1 },
};

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      const StatusCase *c = &status_cases[i];

      g_test_message ("case %u", i);
      f->mode = c->mode;
      f->order_posts = 0;
      g_clear_error (&error);

      if (c->order)
        {
          g_autoptr(PkioOrderReceipt) receipt = submit (f, &error);

          g_assert_null (receipt);
        }
      else
        {
          g_autoptr(JsonNode) user = get_user (f, &error);

          g_assert_null (user);
        }
      g_assert_error (error, PKIO_CLIENT_ERROR, c->expected);
      /* Never sent twice, whatever the failure. */
      g_assert_cmpuint (f->order_posts, ==, c->expected_posts);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
retry_scheduled_cb (PkioClient *client,
                    guint       attempt,
                    gint64      delay,
                    Fixture    *f)
{
  g_ptr_array_add (f->retries, g_strdup_printf ("%u:%" G_GINT64_FORMAT, attempt, delay));
}

static void
test_429_then_ok (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;

  f->mode = MODE_429_THEN_OK;
  g_signal_connect (f->client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb), f);

  answer = submit (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);

  /* A 429 is a refusal: sent again after Retry-After, and the user told. */
  g_assert_cmpuint (f->order_posts, ==, 2);
  g_assert_cmpuint (f->retries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->retries, 0), ==, "1:1000000");
}

static void
test_429_bounded (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;

  f->mode = MODE_ALWAYS_429;
  g_signal_connect (f->client, "retry-scheduled", G_CALLBACK (retry_scheduled_cb), f);

  answer = submit (f, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->order_posts, ==, PKIO_RETRY_MAX_ATTEMPTS + 1);
  g_assert_cmpuint (f->retries->len, ==, PKIO_RETRY_MAX_ATTEMPTS);
}

static void
test_slow_order_is_unknown (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;

  f->mode = MODE_SLOW;
  pkio_client_set_timeout (f->client, 1);

  answer = submit (f, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (f->order_posts, ==, 1);

  /* A read-only call that times out is just a timeout. */
  g_clear_error (&error);
  {
    g_autoptr(JsonNode) user = get_user (f, &error);

    g_assert_null (user);
  }
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_TIMEOUT);
  g_assert_cmpuint (f->order_posts, ==, 1);
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;

  pkio_client_set_api_key (f->client, NULL);
  answer = submit (f, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (f->requests, ==, 0);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(PkioClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = example_order ();
  g_autofree char *url = NULL;

  /* A port that was just free and has nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/services/v2",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = pkio_client_new (url);
  pkio_client_set_api_key (client, API_KEY);
  pkio_client_submit_order_async (client, body, NULL, pkio_test_result_cb, &result);
  g_assert_null (pkio_client_submit_order_finish (client, pkio_test_wait_result (&result), &error));

  /* Nothing left the machine, so this is a plain network failure. */
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NETWORK);
}

static void
test_cancel_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(JsonNode) expected = json_from_string ("{\"status\":\"canceled\","
                                                   "\"note\":\"Entered twice\"}", NULL);

  pkio_client_cancel_order_async (f->client, 112233, "Entered twice", NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_client_cancel_order_finish (f->client, pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_method, ==, "PUT");
  g_assert_cmpstr (f->last_path, ==, "/services/v2/order/certificate/112233/status");
  sent = json_from_string (f->last_body, NULL);
  g_assert_true (json_node_equal (sent, expected));
}

static void
test_get_order_and_user (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) user = NULL;

  pkio_client_get_order_async (f->client, 112233, NULL, pkio_test_result_cb, &result);
  order = pkio_client_get_order_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_path, ==, "/services/v2/order/certificate/112233");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "status"), ==,
                   "pending");

  user = get_user (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_path, ==, "/services/v2/user/me");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (user), "username"), ==,
                   "desk");
}

static void
test_find_orders (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_utc (2026, 11, 24, 9, 55, 0);

  pkio_client_find_orders_async (f->client, "jan+test@example.nl", since, NULL, pkio_test_result_cb,
                                 &result);
  found = pkio_client_find_orders_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);

  /* The filters CertCentral documents, decoded as the server sees them. */
  g_assert_nonnull (f->last_query);
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "filters[product_name_id]"), ==,
                   "pkio_qualified_burger");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "filters[email]"), ==,
                   "jan+test@example.nl");

  /* Only the orders made since the submission. */
  g_assert_cmpuint (json_array_get_length (found), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (found, 0), "id"),
                   ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (found, 1), "id"),
                   ==, 3);
}

static void
test_tls_trusted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;
  g_autofree char *ca = g_build_filename (f->tmpdir, "good-ca.pem", NULL);

  g_assert_true (g_str_has_prefix (f->base_url, "https://"));
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  pkio_client_set_tls_database (f->client, database);

  answer = submit (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->order_posts, ==, 1);
}

static void
test_tls_untrusted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) answer = NULL;
  g_autofree char *ca = g_build_filename (f->tmpdir, "other-ca.pem", NULL);

  /* The same server, but the client trusts another CA only. */
  make_ca (f->tmpdir, "other", FALSE);
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  pkio_client_set_tls_database (f->client, database);

  answer = submit (f, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_TLS);
  g_assert_cmpuint (f->requests, ==, 0);

  /* Nor does the system store know our test CA. */
  g_clear_error (&error);
  pkio_client_set_tls_database (f->client, NULL);
  answer = submit (f, &error);
  g_assert_error (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_TLS);
  g_assert_cmpuint (f->requests, ==, 0);
}

static void
test_cancellable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) user = NULL;

  f->mode = MODE_SLOW;
  pkio_client_get_user_async (f->client, cancellable, pkio_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  user = pkio_client_get_user_finish (f->client, pkio_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_rate_limiter_used (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PkioRateLimiter) limiter = pkio_rate_limiter_new_full (2, 400 * 1000, 1000,
                                                                   G_USEC_PER_SEC * 180);
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  pkio_client_set_rate_limiter (f->client, limiter);

  for (guint i = 0; i < 3; i++)
    pkio_client_get_user_async (f->client, NULL, pkio_test_result_cb, &results[i]);

  /* Two go at once; the third only once the window has passed. */
  pkio_test_wait_result (&results[0]);
  pkio_test_wait_result (&results[1]);
  g_assert_null (results[2]);
  g_assert_cmpuint (f->requests, ==, 2);

  pkio_test_wait_result (&results[2]);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (f->requests, ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) user = pkio_client_get_user_finish (f->client, results[i], &error);

      g_assert_no_error (error);
      g_object_unref (results[i]);
    }
}

typedef struct
{
  const char          *json;
  PkioOrderPermission  expected;
} PermissionCase;

static void
test_order_permission (void)
{
  const PermissionCase cases[] = {
    { "{\"access_roles\":[{\"id\":100,\"name\":\"Orders\"}]}", PKIO_ORDER_PERMISSION_ALLOWED },
    { "{\"access_roles\":[{\"id\":101,\"name\":\"Orders, Domains, Organizations\"}]}",
      PKIO_ORDER_PERMISSION_ALLOWED },
    { "{\"access_roles\":[{\"id\":102,\"name\":\"View Only\"}]}", PKIO_ORDER_PERMISSION_DENIED },
    { "{\"access_roles\":[{\"id\":102},{\"id\":103}]}", PKIO_ORDER_PERMISSION_DENIED },
    { "{\"access_roles\":[{\"id\":1,\"name\":\"Administrator\"}]}", PKIO_ORDER_PERMISSION_UNKNOWN },
    { "{\"access_roles\":[]}", PKIO_ORDER_PERMISSION_UNKNOWN },
    { "{\"username\":\"x\"}", PKIO_ORDER_PERMISSION_UNKNOWN },
    { "[1,2]", PKIO_ORDER_PERMISSION_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) user = json_from_string (cases[i].json, NULL);

      g_assert_cmpint (pkio_client_user_order_permission (user), ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

#define ADD(path, func, https) \
  g_test_add (path, Fixture, GINT_TO_POINTER (https), fixture_setup, func, fixture_teardown)

  ADD ("/pkio/client/submit/ok", test_submit_ok, FALSE);
  ADD ("/pkio/client/submit/validation", test_submit_validation, FALSE);
  ADD ("/pkio/client/status", test_status, FALSE);
  ADD ("/pkio/client/submit/429-then-ok", test_429_then_ok, FALSE);
  ADD ("/pkio/client/submit/429-bounded", test_429_bounded, FALSE);
  ADD ("/pkio/client/submit/slow-is-unknown", test_slow_order_is_unknown, FALSE);
  ADD ("/pkio/client/no-key", test_no_key, FALSE);
  ADD ("/pkio/client/cancel-order", test_cancel_order, FALSE);
  ADD ("/pkio/client/get-order-and-user", test_get_order_and_user, FALSE);
  ADD ("/pkio/client/find-orders", test_find_orders, FALSE);
  ADD ("/pkio/client/cancellable", test_cancellable, FALSE);
  ADD ("/pkio/client/rate-limiter", test_rate_limiter_used, FALSE);
  ADD ("/pkio/client/tls/trusted", test_tls_trusted, TRUE);
  ADD ("/pkio/client/tls/untrusted", test_tls_untrusted, TRUE);
  g_test_add_func ("/pkio/client/unreachable", test_unreachable);
  g_test_add_func ("/pkio/client/order-permission", test_order_permission);

  return g_test_run ();
}
