/* test-order-response.c
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
#include <json-glib/json-glib.h>

#include "pkio-order-response.h"

typedef struct
{
  const char *name;
  const char *body;
  gint64      id;               /* 0: an error is expected */
  gint64      certificate_id;
  const char *requests;         /* "id:status id:status" */
} ReceiptCase;

static const ReceiptCase receipt_cases[] = {
  { "documented", "{\"id\": 112233, \"certificate_id\": 113}", 112233, 113, "" },
  { "pending", "{\"id\": 112233, \"requests\": [{\"id\": 113, \"status\": \"pending\"}]}",
    112233, 0, "113:pending" },
  { "approved", "{\"id\": 1, \"certificate_id\": 2,"
    " \"requests\": [{\"id\": 3, \"status\": \"approved\"}, {\"id\": 4, \"status\": \"submitted\"}]}",
    1, 2, "3:approved 4:submitted" },
  { "extra-keys", "{\"id\": 7, \"certificate_id\": null, \"note\": \"x\"}", 7, 0, "" },
  { "no-id", "{\"certificate_id\": 113}", 0, 0, NULL },
  { "id-string", "{\"id\": \"112233\"}", 0, 0, NULL },
  { "id-zero", "{\"id\": 0}", 0, 0, NULL },
  { "certificate-id-string", "{\"id\": 1, \"certificate_id\": \"2\"}", 0, 0, NULL },
  { "requests-object", "{\"id\": 1, \"requests\": {}}", 0, 0, NULL },
  { "request-without-status", "{\"id\": 1, \"requests\": [{\"id\": 2}]}", 0, 0, NULL },
  { "array", "[]", 0, 0, NULL },
};

static void
test_receipt (gconstpointer data)
{
  const ReceiptCase *c = data;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(PkioOrderReceipt) copy = NULL;
  g_autoptr(GString) requests = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  receipt = pkio_order_receipt_new_from_json (c->body, -1, &error);
  if (c->id == 0)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (receipt);
      return;
    }

  g_assert_no_error (error);
  copy = pkio_order_receipt_copy (receipt);
  g_assert_cmpint (copy->id, ==, c->id);
  g_assert_cmpint (copy->certificate_id, ==, c->certificate_id);
  for (guint i = 0; i < copy->requests->len; i++)
    {
      const PkioOrderReceiptRequest *request = g_ptr_array_index (copy->requests, i);

      g_string_append_printf (requests, "%s%" G_GINT64_FORMAT ":%s", i ? " " : "",
                              request->id, request->status);
    }
  g_assert_cmpstr (requests->str, ==, c->requests);
}

static void
test_receipt_not_json (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (pkio_order_receipt_new_from_json ("<html>", -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD);
  g_clear_error (&error);
  g_assert_null (pkio_order_receipt_new_from_json ("", -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

typedef struct
{
  const char *name;
  const char *body;
  /* Each error as "code|base|detail|field|message", empty parts for NULL,
   * joined with newlines. */
  const char *expected;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "required-param",
    "{\"errors\":[{\"code\":\"required_param:ship_info.zip\","
    "\"message\":\"ship_info.zip is a required parameter.\"}]}",
    "required_param:ship_info.zip|required_param||ship_info.zip|ship_info.zip is a required parameter." },
  { "invalid-value",
    "{\"errors\":[{\"code\":\"invalid_value:certificate.individual.email\",\"message\":\"Bad email\"}]}",
    "invalid_value:certificate.individual.email|invalid_value||certificate.individual.email|Bad email" },
  { "base-detail",
    "{\"errors\":[{\"code\":\"not_found|order\",\"message\":\"Order not found\"}]}",
    "not_found|order|not_found|order||Order not found" },
  { "base-only",
    "{\"errors\":[{\"code\":\"request_limit_exceeded\","
    "\"message\":\"Service unavailable, please limit request volume\"}]}",
    "request_limit_exceeded|request_limit_exceeded|||Service unavailable, please limit request volume" },
  { "several",
    "{\"errors\":[{\"code\":\"required_param:certificate.signature_hash\",\"message\":\"a\"},"
    "{\"code\":\"access_denied|missing_permission\",\"message\":\"b\"}]}",
    "required_param:certificate.signature_hash|required_param||certificate.signature_hash|a\n"
    "access_denied|missing_permission|access_denied|missing_permission||b" },
  { "description",
    "{\"errors\":[{\"code\":\"invalid_value:validity_years\",\"description\":\"Old shape\"}]}",
    "invalid_value:validity_years|invalid_value||validity_years|Old shape" },
  { "code-only",
    "{\"errors\":[{\"code\":\"bad_request_format\"}]}",
    "bad_request_format|bad_request_format|||bad_request_format" },
  { "raw-html", "  <html>Bad Gateway</html>\n", "||||<html>Bad Gateway</html>" },
  { "raw-json-other", "{\"error\": \"nope\"}", "||||{\"error\": \"nope\"}" },
  { "raw-invalid-utf8", "Bad \xff gateway", "||||Bad \xef\xbf\xbd gateway" },
  { "empty", "", "" },
};

static void
test_errors (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(GPtrArray) errors = pkio_api_errors_parse (c->body, -1);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      g_autoptr(PkioApiError) error = pkio_api_error_copy (g_ptr_array_index (errors, i));

      g_string_append_printf (got, "%s%s|%s|%s|%s|%s", i ? "\n" : "",
                              error->code ?: "", error->base ?: "", error->detail ?: "",
                              error->field ?: "", error->message);
    }
  g_assert_cmpstr (got->str, ==, c->expected);
}

static void
test_errors_long_body (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) errors = NULL;
  PkioApiError *error;

  for (guint i = 0; i < 2000; i++)
    g_string_append (body, "é");

  /* Shortened by characters, not cut inside one. */
  errors = pkio_api_errors_parse (body->str, body->len);
  g_assert_cmpuint (errors->len, ==, 1);
  error = g_ptr_array_index (errors, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (error->message, -1), ==, 513);
  g_assert_true (g_str_has_suffix (error->message, "é…"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (receipt_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order-response/receipt/",
                                           receipt_cases[i].name, NULL);

      g_test_add_data_func (path, &receipt_cases[i], test_receipt);
    }
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order-response/errors/",
                                           error_cases[i].name, NULL);

      g_test_add_data_func (path, &error_cases[i], test_errors);
    }
  g_test_add_func ("/pkio/order-response/receipt/not-json", test_receipt_not_json);
  g_test_add_func ("/pkio/order-response/errors/long-body", test_errors_long_body);

  return g_test_run ();
}
