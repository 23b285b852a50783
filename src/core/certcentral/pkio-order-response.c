/* pkio-order-response.c
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

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pkio-order-json-private.h"
#include "pkio-order-response.h"

/* Longest part of an unparsable error body kept for the user: enough for
 * a proxy's one-line error, not a whole HTML page. */
#define RAW_BODY_MAX 512

G_DEFINE_BOXED_TYPE (PkioOrderReceipt, pkio_order_receipt,
                     pkio_order_receipt_copy, pkio_order_receipt_free)
G_DEFINE_BOXED_TYPE (PkioApiError, pkio_api_error,
                     pkio_api_error_copy, pkio_api_error_free)

static void
receipt_request_free (PkioOrderReceiptRequest *request)
{
  g_free (request->status);
  g_free (request);
}

static PkioOrderReceipt *
receipt_new (void)
{
  PkioOrderReceipt *self = g_new0 (PkioOrderReceipt, 1);

  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) receipt_request_free);

  return self;
}

static void
receipt_add_request (PkioOrderReceipt *self,
                     gint64            id,
                     const char       *status)
{
  PkioOrderReceiptRequest *request = g_new0 (PkioOrderReceiptRequest, 1);

  request->id = id;
  request->status = g_strdup (status);
  g_ptr_array_add (self->requests, request);
}

PkioOrderReceipt *
pkio_order_receipt_copy (const PkioOrderReceipt *self)
{
  PkioOrderReceipt *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = receipt_new ();
  copy->id = self->id;
  copy->certificate_id = self->certificate_id;
  for (guint i = 0; i < self->requests->len; i++)
    {
      const PkioOrderReceiptRequest *request = g_ptr_array_index (self->requests, i);

      receipt_add_request (copy, request->id, request->status);
    }

  return copy;
}

void
pkio_order_receipt_free (PkioOrderReceipt *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_free (self);
}

static gboolean
get_integer (JsonObject *object,
             const char *key,
             gint64     *value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);

  return TRUE;
}

/* Text that is not UTF-8 counts as missing: it could not be shown. */
static const char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);

  return g_utf8_validate (value, -1, NULL) ? value : NULL;
}

static gboolean
bad_answer (GError     **error,
            const char  *key)
{
  /* Translators: %s is a JSON key such as “certificate_id” */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The server’s answer has no valid “%s”"), key);
  return FALSE;
}

static gboolean
read_requests (PkioOrderReceipt  *receipt,
               JsonNode          *node,
               GError           **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_answer (error, "requests");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *status;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return bad_answer (error, "requests");

      object = json_node_get_object (element);
      status = get_string (object, "status");
      if (!get_integer (object, "id", &id) || status == NULL)
        return bad_answer (error, "requests");

      receipt_add_request (receipt, id, status);
    }

  return TRUE;
}

/**
 * pkio_order_receipt_new_from_json:
 * @data: the body of a 2xx answer to the order
 * @length: its length, or -1 when nul-terminated
 * @error: a #JsonParserError or %G_IO_ERROR_INVALID_DATA
 *
 * Reads `{"id", "certificate_id"}` as documented for this product, and
 * `{"id", "requests": [{"id", "status"}]}` as sibling PKIo products answer.
 * Keys we do not use are ignored: the server may add some.
 *
 * Returns: (transfer full) (nullable): the receipt
 */
PkioOrderReceipt *
pkio_order_receipt_new_from_json (const char  *data,
                                  gssize       length,
                                  GError     **error)
{
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (data != NULL, NULL);

  root = _pkio_json_parse (data, length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_answer (error, "id");
      return NULL;
    }

  object = json_node_get_object (root);
  receipt = receipt_new ();

  if (!get_integer (object, "id", &receipt->id) || receipt->id <= 0)
    {
      bad_answer (error, "id");
      return NULL;
    }

  member = json_object_get_member (object, "certificate_id");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
      (!get_integer (object, "certificate_id", &receipt->certificate_id) ||
       receipt->certificate_id <= 0))
    {
      bad_answer (error, "certificate_id");
      return NULL;
    }

  member = json_object_get_member (object, "requests");
  if (member != NULL && !read_requests (receipt, member, error))
    return NULL;

  return g_steal_pointer (&receipt);
}

/* Errors */

static void
split_code (PkioApiError *self)
{
  const char *colon;
  const char *bar;
  g_autofree char *head = NULL;

  if (self->code == NULL)
    return;

  /* "required_param:ship_info.zip" names a field; "not_found|order" a kind. */
  colon = strchr (self->code, ':');
  head = colon ? g_strndup (self->code, colon - self->code) : g_strdup (self->code);
  if (colon != NULL && colon[1] != '\0')
    self->field = g_strdup (colon + 1);

  bar = strchr (head, '|');
  if (bar != NULL)
    {
      self->base = g_strndup (head, bar - head);
      if (bar[1] != '\0')
        self->detail = g_strdup (bar + 1);
    }
  else
    self->base = g_steal_pointer (&head);
}

/**
 * pkio_api_error_new:
 * @code: (nullable): the error code as CertCentral sends it
 * @message: the text for people
 *
 * Returns: (transfer full): a new #PkioApiError with @code taken apart
 */
PkioApiError *
pkio_api_error_new (const char *code,
                    const char *message)
{
  PkioApiError *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (PkioApiError, 1);
  self->code = g_strdup (code);
  self->message = g_strdup (message);
  split_code (self);

  return self;
}

PkioApiError *
pkio_api_error_copy (const PkioApiError *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pkio_api_error_new (self->code, self->message);
}

void
pkio_api_error_free (PkioApiError *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->base);
  g_free (self->detail);
  g_free (self->field);
  g_free (self->message);
  g_free (self);
}

static char *
raw_body_text (const char *body,
               gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (body, length);
  g_autofree char *head = NULL;

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) <= RAW_BODY_MAX)
    return g_steal_pointer (&valid);

  head = g_utf8_substring (valid, 0, RAW_BODY_MAX);
  return g_strconcat (head, "…", NULL);
}

static gboolean
parse_errors_array (JsonNode  *root,
                    GPtrArray *errors)
{
  JsonNode *member;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  member = json_object_get_member (json_node_get_object (root), "errors");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return FALSE;

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *code;
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      object = json_node_get_object (element);
      code = get_string (object, "code");
      /* The old Retail API called the message "description". */
      message = get_string (object, "message");
      if (message == NULL || message[0] == '\0')
        message = get_string (object, "description");
      if (message == NULL || message[0] == '\0')
        message = code;
      if (message == NULL)
        continue;

      g_ptr_array_add (errors, pkio_api_error_new (code, message));
    }

  return errors->len > 0;
}

/**
 * pkio_api_errors_parse:
 * @body: the body of a 4xx or 5xx answer
 * @length: its length, or -1 when nul-terminated
 *
 * Reads every entry of `{"errors": [{"code", "message"}]}`. A body without
 * such a list (a proxy's page, the old "description" shape with nothing
 * usable) gives one error whose message is the body itself, shortened.
 *
 * Returns: (transfer full) (element-type PkioApiError): the errors; empty
 *   only when @body is empty
 */
GPtrArray *
pkio_api_errors_parse (const char *body,
                       gssize      length)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *raw = NULL;

  g_return_val_if_fail (body != NULL || length == 0, NULL);

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_api_error_free);
  if (length < 0)
    length = strlen (body);
  if (length == 0)
    return g_steal_pointer (&errors);

  root = _pkio_json_parse (body, length, NULL);
  if (root != NULL && parse_errors_array (root, errors))
    return g_steal_pointer (&errors);

  raw = raw_body_text (body, length);
  if (raw[0] != '\0')
    g_ptr_array_add (errors, pkio_api_error_new (NULL, raw));

  return g_steal_pointer (&errors);
}
