/* pkio-client.c
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

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-client.h"
#include "pkio-client-private.h"
#include "pkio-json-guard.h"
#include "pkio-wipe.h"

/* Everything that talks to CertCentral. Every call goes through one
 * pipeline: the rate limiter, the request, and a classification of what
 * came back into PKIO_CLIENT_ERROR cases a person can act on. An order POST
 * is special: once its body has been written, a failure to learn the answer
 * is "outcome unknown", never a plain failure, and nothing here sends it
 * again unless CertCentral refused it outright with 429. */

#define DEFAULT_TIMEOUT_SECONDS 30

/* The idle timeout above only fires on silence: a server that trickles a
 * byte at a time would hold a request for ever. This bounds the whole
 * exchange, from sending to the last byte of the answer. */
#define DEFAULT_DEADLINE_SECONDS 60

/* What one answer may hold. A receipt is a few ids; a page of orders is the
 * largest thing CertCentral sends us. Anything bigger is not CertCentral. */
#define LIMIT_RECEIPT   (64 * 1024)
#define LIMIT_OBJECT    (1024 * 1024)
#define LIMIT_PAGE      (4 * 1024 * 1024)
#define READ_CHUNK      (16 * 1024)

/* Not named by libsoup 3.2. */
#define STATUS_TOO_MANY_REQUESTS 429

struct _PkioClient
{
  GObject          parent_instance;

  char            *base_url;
  char            *api_key;
  SoupSession     *session;
  PkioRateLimiter *limiter;
  guint            deadline_seconds;
  gsize            last_bytes_read;   /* for tests: the memory bound */
  gboolean         limiter_given;   /* set by the caller: not the key's shared one */
  gboolean         practice;        /* the practice simulator's (PkioAccount) */
};

enum {
  PROP_0,
  PROP_BASE_URL,
  N_PROPS
};

enum {
  RETRY_SCHEDULED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PkioClient, pkio_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Error domain, extended so that an error carries every errors[] entry. */

typedef struct
{
  GPtrArray *api_errors;
} PkioClientErrorPrivate;

static void
pkio_client_error_private_init (PkioClientErrorPrivate *priv)
{
  priv->api_errors = NULL;
}

static void
pkio_client_error_private_copy (const PkioClientErrorPrivate *src,
                                PkioClientErrorPrivate       *dest)
{
  dest->api_errors = src->api_errors ? g_ptr_array_ref (src->api_errors) : NULL;
}

static void
pkio_client_error_private_clear (PkioClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->api_errors, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (PkioClientError, pkio_client_error)

/**
 * pkio_client_error_get_api_errors:
 *
 * Returns: (transfer none) (nullable) (element-type PkioApiError): the
 *   entries of CertCentral's errors[] array, when the answer had one
 */
GPtrArray *
pkio_client_error_get_api_errors (const GError *error)
{
  PkioClientErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  /* Callers pass on whatever failed, a store error included: only our own
   * domain has the private part. */
  if (error->domain != PKIO_CLIENT_ERROR)
    return NULL;

  priv = pkio_client_error_get_private (error);
  return priv ? priv->api_errors : NULL;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The errors[] entries of an answer, or %NULL when the body had none: a
 * proxy's page or an empty 5xx is not CertCentral explaining itself. */
static GPtrArray *
documented_api_errors (const char *data,
                       gsize       len)
{
  g_autoptr(GPtrArray) api_errors = pkio_api_errors_parse (data, len);
  const PkioApiError *first;

  if (api_errors->len == 0)
    return NULL;

  first = g_ptr_array_index (api_errors, 0);
  return first->code != NULL ? g_steal_pointer (&api_errors) : NULL;
}

static GError *
new_error (PkioClientError  code,
           GPtrArray       *api_errors,
           const char      *message)
{
  GError *error = g_error_new_literal (PKIO_CLIENT_ERROR, code, message);

  if (api_errors != NULL)
    pkio_client_error_get_private (error)->api_errors = g_ptr_array_ref (api_errors);

  return error;
}

/* Requests */

typedef struct
{
  char        *method;
  char        *path;        /* relative to the base URL, query included */
  GBytes      *body;
  SoupMessage *message;
  guint        attempt;     /* 429 answers so far */
  guint        is_order : 1;
  guint        body_sent : 1;
  guint        expect_body : 1;
  guint        deadline_hit : 1;
  guint        eof : 1;
  guint        wait_source;
  gulong       cancelled_id;
  gsize        limit;       /* bytes the answer may hold */

  /* One exchange: cancelled by the caller or by the deadline. */
  GCancellable *exchange_cancellable;
  gulong        exchange_cancelled_id;
  guint         deadline_source;
  GInputStream *stream;
  GByteArray   *answer;
} Request;

static void
request_free (Request *request)
{
  g_assert (request->wait_source == 0);
  g_assert (request->deadline_source == 0);
  g_assert (request->exchange_cancelled_id == 0);

  g_clear_object (&request->exchange_cancellable);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->answer, g_byte_array_unref);

  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->path, g_free);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->message);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void send_now (GTask *task);

/* The path without its query: queries can hold an applicant's email, which
 * has no place in a log. */
static char *
loggable_path (const char *path)
{
  return g_strndup (path, strcspn (path, "?"));
}

static void
wait_done (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_clear_handle_id (&request->wait_source, g_source_remove);
  if (request->cancelled_id != 0)
    {
      g_cancellable_disconnect (cancellable, request->cancelled_id);
      request->cancelled_id = 0;
    }
}

static gboolean
wait_elapsed_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->wait_source = 0;
  wait_done (task);
  send_now (task);

  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_idle_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);

  /* The wait may have ended in the meantime and the request be on its way;
   * then the request itself sees the cancellation. */
  if (request->wait_source == 0)
    return G_SOURCE_REMOVE;

  wait_done (task);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* May run in another thread, and must not disconnect itself from here:
   * finish later, in the task's context. */
  g_source_set_callback (source, wait_cancelled_idle_cb, g_object_ref (user_data), NULL);
  g_source_attach (source, g_task_get_context (G_TASK (user_data)));
}

/* Waits @delay microseconds, cancellably, then sends. */
static void
send_after (GTask  *task,
            gint64  delay)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (delay <= 0)
    {
      send_now (task);
      return;
    }

  /* Rounded up: a millisecond early would start inside the window the
   * limiter keeps clear. */
  request->wait_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((delay + 999) / 1000),
                                             wait_elapsed_cb, g_object_ref (task),
                                             g_object_unref);
  if (cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (wait_cancelled_cb),
                                                   task, NULL);
}

static void
schedule (GTask *task)
{
  PkioClient *self = g_task_get_source_object (task);

  send_after (task, pkio_rate_limiter_reserve (self->limiter, g_get_monotonic_time ()));
}

static gboolean
is_tls_failure (SoupMessage  *message,
                const GError *error)
{
  return error->domain == G_TLS_ERROR ||
         soup_message_get_tls_peer_certificate_errors (message) != 0;
}

static gboolean
is_timeout (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  Request *request = g_task_get_task_data (task);
  g_autofree char *path = loggable_path (request->path);

  g_debug ("%s %s failed: %s (%s, %d)%s", request->method, path, error->message,
           g_quark_to_string (error->domain), error->code,
           request->body_sent ? " after the body was sent" : "");

  if (is_tls_failure (request->message, error))
    g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_TLS, NULL,
                                          _("The connection to CertCentral is not trusted: its "
                                            "certificate could not be verified. Nothing was sent.")));
  else if (request->is_order && request->body_sent)
    g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, NULL,
                                          _("The order was sent, but the connection ended before "
                                            "CertCentral answered, so it is not known whether the "
                                            "order was placed. It will not be sent again before "
                                            "the account’s orders have been checked.")));
  else if (is_timeout (error) || request->deadline_hit)
    g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_TIMEOUT, NULL,
                                          _("CertCentral did not answer in time. Try again "
                                            "later.")));
  else
    g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_NETWORK, NULL,
                                          _("CertCentral could not be reached. Check the network "
                                            "connection and try again.")));
}

static char *
describe_api_errors (GPtrArray *api_errors)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; api_errors != NULL && i < api_errors->len; i++)
    {
      const PkioApiError *api_error = g_ptr_array_index (api_errors, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, api_error->message[0] ? api_error->message : api_error->code);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
has_code_prefix (GPtrArray  *api_errors,
                 const char *prefix)
{
  for (guint i = 0; api_errors != NULL && i < api_errors->len; i++)
    {
      const PkioApiError *api_error = g_ptr_array_index (api_errors, i);

      if (g_str_has_prefix (api_error->code, prefix))
        return TRUE;
    }

  return FALSE;
}

static void
handle_refusal (GTask      *task,
                guint       status,
                const char *data,
                gsize       len)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GPtrArray) api_errors = documented_api_errors (data, len);
  g_autofree char *described = describe_api_errors (api_errors);
  g_autofree char *message = NULL;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_UNAUTHORIZED, api_errors,
                                            _("CertCentral did not accept the API key. Check the "
                                              "key in Preferences.")));
      return;

    case SOUP_STATUS_FORBIDDEN:
      if (has_code_prefix (api_errors, "access_denied|missing_permission"))
        g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_PERMISSION, api_errors,
                                              _("The API key is not allowed to do this. Ask the "
                                                "account administrator for a key with the Orders "
                                                "role.")));
      else
        g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_UNAUTHORIZED, api_errors,
                                              _("CertCentral did not accept the API key. Check the "
                                                "key in Preferences.")));
      return;

    case SOUP_STATUS_NOT_FOUND:
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_NOT_FOUND, api_errors,
                                            _("CertCentral does not know this order, or the "
                                              "account cannot order this product.")));
      return;

    default:
      break;
    }

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      /* A 5xx that explains itself is a refusal; one without a body may
       * come after the order was made. */
      if (request->is_order && api_errors == NULL)
        {
          g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, NULL,
                                                _("CertCentral failed while handling the order, so "
                                                  "it is not known whether the order was placed. It "
                                                  "will not be sent again before the account’s "
                                                  "orders have been checked.")));
          return;
        }

      message = g_strdup_printf (_("CertCentral had a problem (error %u). Try again later."),
                                 status);
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_SERVER, api_errors, message));
      return;
    }

  if (SOUP_STATUS_IS_CLIENT_ERROR (status) && api_errors != NULL)
    {
      message = g_strdup_printf (_("CertCentral did not accept the request: %s"), described);
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_VALIDATION, api_errors, message));
      return;
    }

  message = g_strdup_printf (_("CertCentral’s answer (%u) could not be read. It may have come "
                               "from a proxy or firewall."), status);
  g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_BAD_RESPONSE, NULL, message));
}

static void
handle_rate_limited (GTask *task)
{
  PkioClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *retry_after;
  gint64 delay;

  request->attempt++;
  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                              "Retry-After");
  delay = pkio_retry_delay (request->attempt, retry_after, now);
  if (delay < 0)
    {
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_RATE_LIMITED, NULL,
                                            _("CertCentral is receiving too many requests from this "
                                              "account. Try again in a few minutes.")));
      return;
    }

  /* A 429 is a refusal: CertCentral did nothing, so sending again cannot
   * place an order twice. */
  request->body_sent = FALSE;
  g_signal_emit (self, signals[RETRY_SCHEDULED], 0, request->attempt, delay);
  send_after (task, delay + pkio_rate_limiter_reserve (self->limiter,
                                                       g_get_monotonic_time () + delay));
}

/* The exchange is over, whichever way: no deadline, no link to the
 * caller's cancellable, no stream. Call before returning or retrying. */
static void
end_exchange (Request *request,
              GTask   *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_clear_handle_id (&request->deadline_source, g_source_remove);
  if (request->exchange_cancelled_id != 0)
    {
      g_cancellable_disconnect (cancellable, request->exchange_cancelled_id);
      request->exchange_cancelled_id = 0;
    }
  if (request->stream != NULL)
    {
      /* libsoup's close reads what is left of the body, and an endless one
       * never ends: closing with the exchange cancelled drops the
       * connection instead. Unreffing an open stream would close it, and
       * block, the same way. */
      if (request->answer == NULL || !request->eof)
        g_cancellable_cancel (request->exchange_cancellable);
      g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT,
                                  request->exchange_cancellable, NULL, NULL);
      g_clear_object (&request->stream);
    }
}

static void
transport_failed (GTask  *task,
                  GError *error)
{
  Request *request = g_task_get_task_data (task);

  end_exchange (request, task);

  /* Cancelling after an order went out does not unsend it; the deadline
   * is not the caller cancelling. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !request->deadline_hit &&
      !(request->is_order && request->body_sent))
    g_task_return_error (task, g_error_copy (error));
  else
    return_transport_error (task, error);
}

/* Where a redirect pointed, as scheme://host[:port] and nothing else: the
 * Location may carry user:password@, which is never printed. */
static char *
redirect_target (SoupMessage *message)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                       "Location");
  g_autoptr(GUri) target = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (soup_message_get_uri (message), location, G_URI_FLAGS_NONE,
                                   NULL);
  if (target == NULL || g_uri_get_host (target) == NULL)
    return NULL;

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (target), NULL,
                     g_uri_get_host (target), g_uri_get_port (target), "", NULL, NULL);
}

/* No redirect is followed (the key would go with it), and none is a
 * receipt: an order may have been handled before the answer said "go
 * elsewhere", so it is outcome unknown. */
static void
handle_redirect (GTask *task,
                 guint  status)
{
  Request *request = g_task_get_task_data (task);
  g_autofree char *target = redirect_target (request->message);
  g_autofree char *message = NULL;

  if (target != NULL)
    /* Translators: %s is an address such as http://example.com */
    message = g_strdup_printf (_("CertCentral answered with a redirect to %s; nothing was sent "
                                 "there."), target);
  else
    message = g_strdup_printf (_("CertCentral answered with a redirect (%u); it was not "
                                 "followed."), status);

  if (request->is_order)
    {
      g_autofree char *full = g_strconcat (message, " ",
                                           _("It is not known whether the order was placed. It "
                                             "will not be sent again before the account’s orders "
                                             "have been checked."), NULL);

      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, NULL, full));
      return;
    }

  g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_BAD_RESPONSE, NULL, message));
}

static void
handle_too_large (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autofree char *size = g_format_size (request->limit);
  g_autofree char *message = NULL;

  if (request->is_order)
    {
      /* Translators: %s is a size such as "65.5 kB" */
      message = g_strdup_printf (_("CertCentral’s answer to the order is larger than %s and was "
                                   "not read, so it is not known whether the order was placed. "
                                   "It will not be sent again before the account’s orders have "
                                   "been checked."), size);
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, NULL, message));
      return;
    }

  /* Translators: %s is a size such as "4.2 MB" */
  message = g_strdup_printf (_("CertCentral’s answer is larger than %s and was not read. It may "
                               "have come from a proxy or firewall."), size);
  g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_BAD_RESPONSE, NULL, message));
}

/* The whole answer is in: classify it. */
static void
answer_read (GTask *task)
{
  PkioClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request->answer));
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *path = loggable_path (request->path);
  JsonNode *root = NULL;
  const char *data;
  gsize len;
  guint status;

  end_exchange (request, task);

  status = soup_message_get_status (request->message);
  data = g_bytes_get_data (bytes, &len);
  self->last_bytes_read = len;
  g_debug ("%s %s → %u, %" G_GSIZE_FORMAT " bytes", request->method, path, status, len);

  if (status == STATUS_TOO_MANY_REQUESTS)
    {
      handle_rate_limited (task);
      return;
    }

  /* A document nested deeper than any of ours is not CertCentral's, and
   * would overflow the parser's stack. */
  if (len > 0 && pkio_json_depth_ok (data, len, PKIO_JSON_MAX_DEPTH))
    {
      parser = json_parser_new_immutable ();
      if (json_parser_load_from_data (parser, data, len, NULL))
        root = json_parser_get_root (parser);
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      handle_refusal (task, status, data, len);
      return;
    }

  /* Success, but only a readable, documented body says what happened. */
  if (!request->expect_body)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (request->is_order)
    {
      g_autoptr(GError) receipt_error = NULL;
      PkioOrderReceipt *receipt;

      receipt = len > 0 ? pkio_order_receipt_new_from_json (data, len, &receipt_error) : NULL;
      if (receipt != NULL)
        {
          g_task_return_pointer (task, receipt, (GDestroyNotify) pkio_order_receipt_free);
          return;
        }

      g_debug ("The answer to the order could not be read: %s",
               receipt_error ? receipt_error->message : "empty body");
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_pointer (task, json_node_ref (root), (GDestroyNotify) json_node_unref);
      return;
    }

  if (request->is_order)
    g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN, NULL,
                                          _("CertCentral accepted the order but its answer could "
                                            "not be read, so the order number is unknown. It will "
                                            "not be sent again before the account’s orders have "
                                            "been checked.")));
  else
    g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_BAD_RESPONSE, NULL,
                                          _("CertCentral’s answer could not be read. It may have "
                                            "come from a proxy or firewall.")));
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      transport_failed (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      request->eof = TRUE;
      answer_read (task);
      return;
    }

  /* Counted as it comes: an endless body stops here, not in the allocator. */
  if (request->answer->len + g_bytes_get_size (chunk) > request->limit)
    {
      PkioClient *self = g_task_get_source_object (task);

      self->last_bytes_read = request->answer->len + g_bytes_get_size (chunk);
      end_exchange (request, task);
      handle_too_large (task);
      return;
    }

  g_byte_array_append (request->answer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next (g_steal_pointer (&task));
}

/* Takes @task. */
static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   request->exchange_cancellable, read_cb, task);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *length;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      transport_failed (task, error);
      return;
    }

  status = soup_message_get_status (request->message);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      end_exchange (request, task);
      handle_redirect (task, status);
      return;
    }

  /* A declared size over the limit is refused before reading any of it. */
  length = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                         "Content-Length");
  if (length != NULL && g_ascii_strtoull (length, NULL, 10) > request->limit)
    {
      end_exchange (request, task);
      handle_too_large (task);
      return;
    }

  request->answer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static gboolean
deadline_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->deadline_source = 0;
  request->deadline_hit = TRUE;
  g_cancellable_cancel (request->exchange_cancellable);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  /* Thread-safe, and the exchange's own operations see it. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
wrote_body_cb (SoupMessage *message,
               gpointer     user_data)
{
  Request *request = user_data;

  request->body_sent = TRUE;
}

static void
send_now (GTask *task)
{
  PkioClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSource) deadline = NULL;
  g_autofree char *uri = NULL;
  SoupMessageHeaders *headers;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_clear_object (&request->message);
  uri = g_strconcat (self->base_url, "/", request->path, NULL);
  request->message = soup_message_new (request->method, uri);
  if (request->message == NULL)
    {
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_NETWORK, NULL,
                                            _("The CertCentral API address in Preferences is not "
                                              "a valid address.")));
      return;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "X-DC-DEVKEY", self->api_key);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json", request->body);

  /* The key goes to the configured address only: libsoup would follow a
   * redirect anywhere, plain HTTP included, with the header. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  /* An order gets a connection of its own: libsoup then has no reused
   * connection to lose and silently resend on. */
  if (request->is_order)
    soup_message_add_flags (request->message, SOUP_MESSAGE_NEW_CONNECTION);

  g_signal_connect (request->message, "wrote-body", G_CALLBACK (wrote_body_cb), request);

  g_clear_object (&request->exchange_cancellable);
  request->exchange_cancellable = g_cancellable_new ();
  request->deadline_hit = FALSE;
  request->eof = FALSE;
  if (cancellable != NULL)
    request->exchange_cancelled_id = g_cancellable_connect (cancellable,
                                                            G_CALLBACK (caller_cancelled_cb),
                                                            g_object_ref (request->exchange_cancellable),
                                                            g_object_unref);
  deadline = g_timeout_source_new_seconds (self->deadline_seconds);
  g_source_set_callback (deadline, deadline_cb, task, NULL);
  request->deadline_source = g_source_attach (deadline, g_task_get_context (task));

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->exchange_cancellable, sent_cb, g_object_ref (task));
}

/* An order's body holds the card number: it is written into one buffer
 * sized beyond any order, so that no outgrown copy is left in freed memory,
 * and wiped when the last holder (libsoup's request stream) lets go. */
#define BODY_BUFFER_SIZE (16 * 1024)

static GBytes *
body_bytes_new (JsonNode *body)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text = g_string_sized_new (BODY_BUFFER_SIZE);
  gsize length;
  char *data;

  json_generator_set_root (generator, body);
  json_generator_to_gstring (generator, text);
  length = text->len;
  data = g_string_free (text, FALSE);

  return g_bytes_new_with_free_func (data, length, (GDestroyNotify) pkio_string_wipe_free, data);
}

static void
start_request (PkioClient          *self,
               const char          *method,
               char                *path,
               JsonNode            *body,
               gboolean             is_order,
               gboolean             expect_body,
               gsize                limit,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->path = path;
  request->is_order = !!is_order;
  request->expect_body = !!expect_body;
  request->limit = limit;
  if (body != NULL)
    request->body = body_bytes_new (body);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (self->api_key == NULL)
    {
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_UNAUTHORIZED, NULL,
                                            _("No API key is set. Add one in Preferences.")));
      return;
    }

  schedule (task);
}

static gpointer
finish_pointer (PkioClient    *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pkio_client_finalize (GObject *object)
{
  PkioClient *self = (PkioClient *)object;

  pkio_client_set_api_key (self, NULL);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->session);
  g_clear_object (&self->limiter);

  G_OBJECT_CLASS (pkio_client_parent_class)->finalize (object);
}

static void
pkio_client_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PkioClient *self = PKIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_client_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PkioClient *self = PKIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      /* Trailing slashes would double up with the relative paths. */
      self->base_url = g_strdup (g_value_get_string (value));
      while (g_str_has_suffix (self->base_url, "/"))
        self->base_url[strlen (self->base_url) - 1] = '\0';
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_client_class_init (PkioClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_client_finalize;
  object_class->get_property = pkio_client_get_property;
  object_class->set_property = pkio_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PkioClient::retry-scheduled:
   * @attempt: how many times CertCentral has answered 429 for this request
   * @delay: microseconds until the next attempt
   *
   * So that people can be told when the next attempt is.
   */
  signals[RETRY_SCHEDULED] =
    g_signal_new ("retry-scheduled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT64);
}

static void
pkio_client_init (PkioClient *self)
{
  /* TLS is checked against the system trust store unless a test injects
   * its own database; nothing here can turn the check off. */
  self->session = soup_session_new_with_options ("user-agent", "pkio-order/" PACKAGE_VERSION " ",
                                                 "timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 NULL);
  self->deadline_seconds = DEFAULT_DEADLINE_SECONDS;
  self->limiter = pkio_rate_limiter_new ();
}

PkioClient *
pkio_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (PKIO_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
pkio_client_get_base_url (PkioClient *self)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * pkio_client_set_api_key:
 * @api_key: (nullable): the key, copied; %NULL forgets it
 *
 * The key is sent in the X-DC-DEVKEY header and nowhere else; the copy is
 * wiped when replaced and when the client goes away.
 */
void
pkio_client_set_api_key (PkioClient *self,
                         const char *api_key)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));

  if (self->api_key != NULL)
    {
      pkio_wipe_string (self->api_key);
      g_clear_pointer (&self->api_key, g_free);
    }

  if (api_key != NULL && api_key[0] != '\0')
    {
      self->api_key = g_strdup (api_key);
      /* Every client of this key shares its budget. */
      if (!self->limiter_given)
        {
          g_clear_object (&self->limiter);
          self->limiter = pkio_rate_limiter_get_shared (self->base_url, self->api_key);
        }
    }
}

/* For PkioAccount: whether a key read again is the one in use. */
gboolean
_pkio_client_api_key_equals (PkioClient *self,
                             const char *api_key)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), FALSE);

  if (api_key != NULL && api_key[0] == '\0')
    api_key = NULL;

  return g_strcmp0 (self->api_key, api_key) == 0;
}

/**
 * pkio_client_set_practice:
 *
 * Marks the client as the practice simulator's. Its account sets it; the
 * outbox and the history keep practice orders and real ones apart by it.
 */
void
pkio_client_set_practice (PkioClient *self,
                          gboolean    practice)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));

  self->practice = !!practice;
}

gboolean
pkio_client_get_practice (PkioClient *self)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), FALSE);

  return self->practice;
}

gboolean
pkio_client_has_api_key (PkioClient *self)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), FALSE);

  return self->api_key != NULL;
}

/**
 * pkio_client_set_tls_database:
 * @database: (nullable): the trust anchors, %NULL for the system's
 *
 * For tests, which serve HTTPS with a CA of their own.
 */
void
pkio_client_set_tls_database (PkioClient   *self,
                              GTlsDatabase *database)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (!database || G_IS_TLS_DATABASE (database));

  soup_session_set_tls_database (self->session, database);
}

void
pkio_client_set_timeout (PkioClient *self,
                         guint       seconds)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  soup_session_set_timeout (self->session, seconds);
}

/**
 * pkio_client_set_deadline:
 * @seconds: how long one exchange may take in all, sending and reading
 *
 * Unlike the timeout, which fires on silence, this ends an answer that
 * trickles in. Tests set a short one.
 */
void
pkio_client_set_deadline (PkioClient *self,
                          guint       seconds)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->deadline_seconds = seconds;
}

/**
 * _pkio_client_get_last_bytes_read:
 *
 * Returns: how many bytes of the last answer were taken into memory, for
 *   tests that check the size limit holds
 */
gsize
_pkio_client_get_last_bytes_read (PkioClient *self)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), 0);

  return self->last_bytes_read;
}

/**
 * pkio_client_set_rate_limiter:
 *
 * Gives tests a faster limiter. Clients of one address and key share
 * theirs without this (pkio_rate_limiter_get_shared()).
 */
void
pkio_client_set_rate_limiter (PkioClient      *self,
                              PkioRateLimiter *limiter)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (PKIO_IS_RATE_LIMITER (limiter));

  g_set_object (&self->limiter, limiter);
  self->limiter_given = TRUE;
}

/**
 * pkio_client_get_rate_limiter:
 *
 * Returns: (transfer none): the limiter this client's requests wait for:
 *   the one shared by every client of its address and key, once it has one
 */
PkioRateLimiter *
pkio_client_get_rate_limiter (PkioClient *self)
{
  g_return_val_if_fail (PKIO_IS_CLIENT (self), NULL);

  return self->limiter;
}

/**
 * pkio_client_submit_order_async:
 * @body: the order, exactly as documented for pkio_qualified_burger
 *
 * POSTs the order. Outcome unknown is reported as
 * %PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN; only a 429 refusal is retried.
 */
void
pkio_client_submit_order_async (PkioClient          *self,
                                JsonNode            *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));

  start_request (self, "POST", g_strdup ("order/certificate/" PKIO_PRODUCT_NAME_ID), body,
                 TRUE, TRUE, LIMIT_RECEIPT, pkio_client_submit_order_async, cancellable, callback, user_data);
}

/**
 * pkio_client_submit_order_finish:
 *
 * Returns: (transfer full): what CertCentral answered: the order id and
 *   the certificate id or the requests
 */
PkioOrderReceipt *
pkio_client_submit_order_finish (PkioClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, pkio_client_submit_order_async, error);
}

void
pkio_client_get_order_async (PkioClient          *self,
                             guint64              order_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (order_id > 0);

  start_request (self, "GET", g_strdup_printf ("order/certificate/%" G_GUINT64_FORMAT, order_id),
                 NULL, FALSE, TRUE, LIMIT_OBJECT, pkio_client_get_order_async, cancellable, callback, user_data);
}

JsonNode *
pkio_client_get_order_finish (PkioClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, pkio_client_get_order_async, error);
}

static void
append_filter (GString    *query,
               const char *name,
               const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (query, "%cfilters%%5B%s%%5D=%s", query->len ? '&' : '?', name, escaped);
}

static char *
list_orders_path (const PkioOrderFilter *filter)
{
  g_autoptr(GString) query = g_string_new (NULL);

  if (filter != NULL)
    {
      append_filter (query, "status", filter->status);
      append_filter (query, "product_name_id", filter->product_name_id);
      append_filter (query, "email", filter->email);
      append_filter (query, "date_created", filter->date_created);
      if (filter->offset > 0)
        g_string_append_printf (query, "%coffset=%u", query->len ? '&' : '?', filter->offset);
      if (filter->limit > 0)
        g_string_append_printf (query, "%climit=%u", query->len ? '&' : '?', filter->limit);
    }

  return g_strconcat ("order/certificate", query->str, NULL);
}

void
pkio_client_list_orders_async (PkioClient            *self,
                               const PkioOrderFilter *filter,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));

  start_request (self, "GET", list_orders_path (filter), NULL, FALSE, TRUE, LIMIT_PAGE,
                 pkio_client_list_orders_async, cancellable, callback, user_data);
}

JsonNode *
pkio_client_list_orders_finish (PkioClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, pkio_client_list_orders_async, error);
}

/**
 * pkio_client_cancel_order_async:
 * @note: why; CertCentral requires one
 *
 * Cancels an order that is still pending or waiting for pickup.
 */
void
pkio_client_cancel_order_async (PkioClient          *self,
                                guint64              order_id,
                                const char          *note,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (order_id > 0);
  g_return_if_fail (note != NULL && note[0] != '\0');

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "canceled");
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, note);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  start_request (self, "PUT",
                 g_strdup_printf ("order/certificate/%" G_GUINT64_FORMAT "/status", order_id),
                 body, FALSE, FALSE, LIMIT_OBJECT, pkio_client_cancel_order_async, cancellable, callback,
                 user_data);
}

gboolean
pkio_client_cancel_order_finish (PkioClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  finish_pointer (self, result, pkio_client_cancel_order_async, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * pkio_client_get_user_async:
 *
 * Checks the key: GET user/me answers with the user it belongs to and the
 * user's access_roles.
 */
void
pkio_client_get_user_async (PkioClient          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_CLIENT (self));

  start_request (self, "GET", g_strdup ("user/me"), NULL, FALSE, TRUE, LIMIT_OBJECT,
                 pkio_client_get_user_async, cancellable, callback, user_data);
}

JsonNode *
pkio_client_get_user_finish (PkioClient    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, pkio_client_get_user_async, error);
}

typedef struct
{
  GDateTime *since;
} FindData;

static void
find_data_free (FindData *data)
{
  g_clear_pointer (&data->since, g_date_time_unref);
  g_free (data);
}

static void
find_orders_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) found = json_array_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *orders;

  root = pkio_client_list_orders_finish (PKIO_CLIENT (object), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  orders = get_array_member (json_node_get_object (root), "orders");
  if (orders == NULL)
    {
      g_task_return_error (task, new_error (PKIO_CLIENT_ERROR_BAD_RESPONSE, NULL,
                                            _("CertCentral’s list of orders could not be read.")));
      return;
    }

  /* The date is compared here rather than in a query: the format that
   * filters[date_created] takes is not documented. */
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonNode *element = json_array_get_element (orders, i);
      g_autoptr(GDateTime) created = NULL;
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      const char *date;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      date = json_object_get_string_member_with_default (json_node_get_object (element),
                                                         "date_created", NULL);
      created = date ? g_date_time_new_from_iso8601 (date, utc) : NULL;
      if (data->since == NULL || created == NULL || g_date_time_compare (created, data->since) >= 0)
        json_array_add_element (found, json_node_copy (element));
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) json_array_unref);
}

/**
 * pkio_client_find_orders_async:
 * @email: the applicant's email
 * @since: (nullable): only orders created at or after this time
 *
 * The reconciliation after an unknown outcome: the account's
 * pkio_qualified_burger orders for @email, to find the order that was made.
 * An order whose creation date cannot be read is kept, to be safe.
 */
void
pkio_client_find_orders_async (PkioClient          *self,
                               const char          *email,
                               GDateTime           *since,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;
  PkioOrderFilter filter = {
    .product_name_id = PKIO_PRODUCT_NAME_ID,
    .email = email,
  };

  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_find_orders_async);
  data = g_new0 (FindData, 1);
  data->since = since ? g_date_time_ref (since) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);

  pkio_client_list_orders_async (self, &filter, cancellable, find_orders_cb,
                                 g_steal_pointer (&task));
}

/**
 * pkio_client_find_orders_finish:
 *
 * Returns: (transfer full): the matching order objects, as listed
 */
JsonArray *
pkio_client_find_orders_finish (PkioClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, pkio_client_find_orders_async, error);
}

/**
 * pkio_client_user_order_permission:
 * @user: the answer of pkio_client_get_user_async()
 *
 * Whether the key may place orders, from its access_roles. A key limited to
 * the API roles "Orders" (100) or "Orders, Domains, Organizations" (101)
 * may; one limited to "View Only" (102) or "User Management" (103) may not.
 * A key that carries its user's own roles is reported as unknown rather
 * than guessed at: only CertCentral's answer to an order settles it.
 */
PkioOrderPermission
pkio_client_user_order_permission (JsonNode *user)
{
  JsonArray *roles;
  gboolean any = FALSE;
  gboolean all_denied = TRUE;

  g_return_val_if_fail (user != NULL, PKIO_ORDER_PERMISSION_UNKNOWN);

  if (!JSON_NODE_HOLDS_OBJECT (user))
    return PKIO_ORDER_PERMISSION_UNKNOWN;

  roles = get_array_member (json_node_get_object (user), "access_roles");
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonNode *element = json_array_get_element (roles, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      any = TRUE;
      id = json_object_get_int_member_with_default (json_node_get_object (element), "id", 0);
      if (id == 100 || id == 101)
        return PKIO_ORDER_PERMISSION_ALLOWED;
      if (id != 102 && id != 103)
        all_denied = FALSE;
    }

  if (any && all_denied)
    return PKIO_ORDER_PERMISSION_DENIED;

  return PKIO_ORDER_PERMISSION_UNKNOWN;
}
