/* test-order-json.c
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
#include <string.h>

#include "pkio-order.h"
#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-test-utils.h"
#include "pkio-validate.h"

static void
assert_json_equal (JsonNode *expected,
                   JsonNode *actual)
{
  if (!json_node_equal (expected, actual))
    {
      g_autofree char *e = json_to_string (expected, TRUE);
      g_autofree char *a = json_to_string (actual, TRUE);

      g_error ("JSON differs.\nExpected:\n%s\nActual:\n%s", e, a);
    }
}

static JsonNode *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autoptr(JsonNode) document = pkio_test_load_json (name);
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(GPtrArray) invalid = NULL;
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autofree char *text = NULL;

  /* The document's own examples read without a problem, are valid ... */
  order = pkio_order_new_from_json (document, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (pkio_order_validate (order, &invalid));
  g_assert_cmpuint (invalid->len, ==, 0);

  /* ... and come out as the same JSON value, also through text. */
  written = pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
  assert_json_equal (document, written);

  text = pkio_order_to_json_string (order, PKIO_ORDER_JSON_REQUEST, FALSE);
  reparsed = parse_text (text);
  assert_json_equal (document, reparsed);
}

static void
test_individual_id_alone (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) expected = parse_text ("{\"id\": 21}");
  JsonObject *certificate;

  pkio_order_set_individual_id (order, 21);
  node = pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
  certificate = json_object_get_object_member (json_node_get_object (node), "certificate");
  assert_json_equal (expected, json_object_get_member (certificate, "individual"));
}

static void
test_empty_order (void)
{
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(JsonNode) node = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  g_autoptr(JsonNode) expected =
    parse_text ("{\"certificate\": {\"signature_hash\": \"sha256\","
                "                  \"profile_option\": \"nonrepudiation\"},"
                " \"csa_agreed_to\": false}");

  /* Optional objects are left out, never sent empty. */
  assert_json_equal (expected, node);
}

static void
test_ship_info_shape (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(JsonNode) node = pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
  g_autoptr(JsonNode) expected =
    parse_text ("{\"name\": \"Jan de Vries\", \"addr1\": \"Oude Delft 1\", \"addr2\": \"\","
                " \"city\": \"Delft\", \"state\": \"Zuid-Holland\", \"zip\": \"2611 AB\","
                " \"country\": \"nl\", \"method\": \"STANDARD\"}");
  JsonObject *root = json_node_get_object (node);

  /* addr2 is required by the contract: sent empty for a one-line address. */
  assert_json_equal (expected, json_object_get_member (root, "ship_info"));
  /* The individual's state is left out where the country has none. */
  g_assert_false (json_object_has_member (json_object_get_object_member (
    json_object_get_object_member (root, "certificate"), "individual"), "state"));
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "certificate"),
                                          "is_rsassa_pss"));
}

static void
test_card_only_for_card (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(JsonNode) card = NULL;
  g_autoptr(JsonNode) balance = NULL;
  JsonObject *root;

  card = pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
  root = json_node_get_object (card);
  g_assert_cmpstr (json_object_get_string_member (root, "payment_method"), ==, "card");
  g_assert_true (json_object_has_member (root, "credit_card"));
  g_assert_true (json_object_has_member (root, "billing_address"));

  /* The card data stays in the model but is not sent with the balance. */
  pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_BALANCE);
  balance = pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
  root = json_node_get_object (balance);
  g_assert_cmpstr (json_object_get_string_member (root, "payment_method"), ==, "balance");
  g_assert_false (json_object_has_member (root, "credit_card"));
  g_assert_false (json_object_has_member (root, "billing_address"));
}

static void
test_card_modes (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(JsonNode) request = pkio_order_to_json (order, PKIO_ORDER_JSON_REQUEST);
  g_autoptr(JsonNode) draft = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  g_autoptr(JsonNode) display = pkio_order_to_json (order, PKIO_ORDER_JSON_DISPLAY);
  g_autoptr(JsonNode) expected_request =
    parse_text ("{\"number\": \"4111111111111111\", \"expiration_month\": \"12\","
                " \"expiration_year\": \"2027\", \"cvv\": \"123\","
                " \"cardholder_name\": \"Jan de Vries\", \"save_credit_card\": false,"
                " \"set_as_default\": \"0\"}");
  g_autoptr(JsonNode) expected_draft =
    parse_text ("{\"expiration_month\": \"12\", \"expiration_year\": \"2027\","
                " \"cardholder_name\": \"Jan de Vries\", \"save_credit_card\": false,"
                " \"set_as_default\": \"0\"}");
  g_autoptr(JsonNode) expected_display =
    parse_text ("{\"number\": \"•••• •••• •••• 1111\", \"expiration_month\": \"12\","
                " \"expiration_year\": \"2027\", \"cvv\": \"•••\","
                " \"cardholder_name\": \"Jan de Vries\", \"save_credit_card\": false,"
                " \"set_as_default\": \"0\"}");
  g_autofree char *draft_text = pkio_order_to_json_string (order, PKIO_ORDER_JSON_DRAFT, TRUE);
  g_autofree char *display_text = pkio_order_to_json_string (order, PKIO_ORDER_JSON_DISPLAY, TRUE);

  assert_json_equal (expected_request,
                     json_object_get_member (json_node_get_object (request), "credit_card"));
  assert_json_equal (expected_draft,
                     json_object_get_member (json_node_get_object (draft), "credit_card"));
  assert_json_equal (expected_display,
                     json_object_get_member (json_node_get_object (display), "credit_card"));

  /* Nowhere in the text either. */
  g_assert_null (strstr (draft_text, "4111"));
  g_assert_null (strstr (draft_text, "\"cvv\""));
  g_assert_null (strstr (display_text, "4111 1111 1111"));
  g_assert_null (strstr (display_text, "\"123\""));
}

static void
test_draft_round_trip (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(PkioOrder) read = NULL;
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(JsonNode) draft = NULL;
  g_autoptr(JsonNode) again = NULL;

  pkio_order_set_is_rsassa_pss (order, PKIO_TRISTATE_YES);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ADDR2, "Floor 2");
  pkio_order_set_validity_kind (order, PKIO_VALIDITY_KIND_CUSTOM_DATE);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE, "09 JUN 2027");

  draft = pkio_order_to_json (order, PKIO_ORDER_JSON_DRAFT);
  read = pkio_order_new_from_json (draft, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  again = pkio_order_to_json (read, PKIO_ORDER_JSON_DRAFT);
  assert_json_equal (draft, again);
  g_assert_null (pkio_order_get_text (read, PKIO_ORDER_TEXT_CARD_NUMBER));
  g_assert_cmpint (pkio_order_get_validity_kind (read), ==, PKIO_VALIDITY_KIND_CUSTOM_DATE);
  g_assert_cmpint (pkio_order_get_is_rsassa_pss (read), ==, PKIO_TRISTATE_YES);
}

/* Reading: one change to the first example, one problem with its path. */

typedef struct
{
  const char *name;
  const char *patch;   /* merged into example-1.json by merge_all() */
  const char *path;
  int         code;
} ReadCase;

static const ReadCase read_cases[] = {
  { "unknown-root-key", "{\"colour\": \"blue\"}", "colour", PKIO_VALIDATE_ERROR_UNKNOWN_FIELD },
  { "unknown-nested-key", "{\"ship_info\": {\"zipcode\": \"1\"}}", "ship_info.zipcode",
    PKIO_VALIDATE_ERROR_UNKNOWN_FIELD },
  { "unknown-individual-key", "{\"certificate\": {\"individual\": {\"title\": \"Dr.\"}}}",
    "certificate.individual.title", PKIO_VALIDATE_ERROR_UNKNOWN_FIELD },
  { "csa-string", "{\"csa_agreed_to\": \"yes\"}", "csa_agreed_to",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
  { "years-string", "{\"order_validity\": {\"years\": \"1\"}}", "order_validity.years",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
  { "years-fraction", "{\"order_validity\": {\"years\": 1.5}}", "order_validity.years",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
  { "years-huge", "{\"order_validity\": {\"years\": 9999999999}}", "order_validity.years",
    PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "zip-number", "{\"ship_info\": {\"zip\": 58061}}", "ship_info.zip",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
  { "zip-array", "{\"ship_info\": {\"zip\": [\"58061\"]}}", "ship_info.zip",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
  { "certificate-array", "{\"certificate\": []}", "certificate",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
  { "signature-hash", "{\"certificate\": {\"signature_hash\": \"sha1\"}}",
    "certificate.signature_hash", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "profile-option", "{\"certificate\": {\"profile_option\": \"encryption\"}}",
    "certificate.profile_option", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "ship-method-lower-case", "{\"ship_info\": {\"method\": \"standard\"}}", "ship_info.method",
    PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "payment-profile", "{\"payment_method\": \"profile\"}", "payment_method",
    PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "two-validities", "{\"order_validity\": {\"days\": 30}}", "order_validity",
    PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "id-and-details", "{\"certificate\": {\"individual\": {\"id\": 21}}}",
    "certificate.individual.id", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "id-zero", "{\"certificate\": {\"individual\": {\"id\": 0, \"first_name\": null}}}",
    "certificate.individual.id", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "card-with-balance", "{\"credit_card\": {\"set_as_default\": \"0\"}}", "credit_card",
    PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "billing-with-balance", "{\"billing_address\": {\"city\": \"Delft\"}}", "billing_address",
    PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "rsassa-number", "{\"certificate\": {\"is_rsassa_pss\": 1}}", "certificate.is_rsassa_pss",
    PKIO_VALIDATE_ERROR_WRONG_TYPE },
};

/* Merges @patch into @target; a null in @patch removes the member. */
static void
remove_nulls (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (object, l->data);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        remove_nulls (json_node_get_object (value));
    }
}

static void
merge_all (JsonObject *target,
           JsonObject *patch)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, patch);
  while (json_object_iter_next (&iter, &key, &value))
    {
      JsonNode *existing = json_object_get_member (target, key);

      if (existing && JSON_NODE_HOLDS_OBJECT (existing) && JSON_NODE_HOLDS_OBJECT (value))
        merge_all (json_node_get_object (existing), json_node_get_object (value));
      else
        json_object_set_member (target, key, json_node_copy (value));
    }
}

static void
test_read_problem (gconstpointer data)
{
  const ReadCase *c = data;
  g_autoptr(JsonNode) document = pkio_test_load_json ("example-1.json");
  g_autoptr(JsonNode) patch = parse_text (c->patch);
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  PkioOrderProblem *problem;

  merge_all (json_node_get_object (document), json_node_get_object (patch));
  remove_nulls (json_node_get_object (document));
  order = pkio_order_new_from_json (document, problems);
  g_assert_nonnull (order);

  if (problems->len != 1)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s: %s\n", ((PkioOrderProblem *) problems->pdata[i])->path,
                    ((PkioOrderProblem *) problems->pdata[i])->error->message);
      g_assert_cmpuint (problems->len, ==, 1);
    }

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, c->path);
  g_assert_error (problem->error, PKIO_VALIDATE_ERROR, c->code);
  g_assert_cmpstr (problem->error->message, !=, "");
}

static void
test_read_root_not_object (void)
{
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = pkio_order_new_from_json_data ("[1, 2]", -1, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((PkioOrderProblem *) problems->pdata[0])->path, ==, "$");
}

/* A string node that is not UTF-8 (what json-glib before 1.10 made of a lone
 * surrogate escape) is a problem of its field, never text in the model. */
static void
test_read_not_utf8 (void)
{
  g_autoptr(JsonNode) document = pkio_test_load_json ("example-1.json");
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  JsonObject *ship_info;
  PkioOrderProblem *problem;

  ship_info = json_object_get_object_member (json_node_get_object (document), "ship_info");
  json_object_set_string_member (ship_info, "city", "Delft\xed\xb0\x80 x");
  order = pkio_order_new_from_json (document, problems);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "ship_info.city");
  g_assert_error (problem->error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT);
}

/* A lone surrogate escape in the text: json-glib 1.10 refuses the document,
 * older versions hand over bytes that are not UTF-8. Either way the reader
 * answers with an error or a problem of that field, never with the text. */
static void
test_read_lone_surrogate (void)
{
  g_autoptr(JsonNode) document = pkio_test_load_json ("example-1.json");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *patched = NULL;
  g_auto(GStrv) halves = NULL;

  json_object_set_string_member (json_object_get_object_member (json_node_get_object (document),
                                                                "ship_info"),
                                 "city", "PKIO-CITY");
  json_generator_set_root (generator, document);
  text = json_generator_to_data (generator, NULL);
  halves = g_strsplit (text, "\"PKIO-CITY\"", 2);
  g_assert_cmpuint (g_strv_length (halves), ==, 2);
  patched = g_strconcat (halves[0], "\"Delft\\udc00 x\"", halves[1], NULL);

  order = pkio_order_new_from_json_data (patched, -1, problems, &error);
  if (order == NULL)
    {
      g_assert_nonnull (error);
      return;
    }
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (((PkioOrderProblem *) problems->pdata[i])->path, "ship_info.city") == 0)
      return;
  g_assert_not_reached ();
}

static void
test_read_null_string (void)
{
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  PkioOrderProblem *problem;

  /* null is not "unset" for a string: the contract has no such value. */
  order = pkio_order_new_from_json_data ("{\"certificate\": {\"signature_hash\": \"sha256\","
                                         " \"profile_option\": \"nonrepudiation\"},"
                                         " \"ship_info\": {\"zip\": null}}",
                                         -1, problems, NULL);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "ship_info.zip");
  g_assert_error (problem->error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_WRONG_TYPE);
}

static void
test_read_missing_required (void)
{
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;

  order = pkio_order_new_from_json_data ("{\"payment_method\": \"card\", \"credit_card\": {}}",
                                         -1, problems, NULL);
  g_assert_nonnull (order);
  g_assert_true (pkio_order_problem_list_has_path (problems, "certificate.signature_hash"));
  g_assert_true (pkio_order_problem_list_has_path (problems, "certificate.profile_option"));
  g_assert_true (pkio_order_problem_list_has_path (problems, "credit_card.set_as_default"));
  g_assert_cmpuint (problems->len, ==, 3);
}

static void
test_check_data (void)
{
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pkio_order_json_check_data (text, -1, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Not JSON, or nothing at all: an error, not problems. */
  g_assert_false (pkio_order_json_check_data ("{\"certificate\": ", -1, &problems, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_null (problems);
  g_clear_error (&error);
  g_assert_false (pkio_order_json_check_data ("  ", -1, &problems, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

typedef struct
{
  const char *name;
  const char *patch;
  const char *paths;   /* expected problem paths, space-separated, in order */
} CheckCase;

static const CheckCase check_cases[] = {
  /* A wrong type is reported once, not again as a missing value. */
  { "zip-number-once", "{\"ship_info\": {\"zip\": 58061}}", "ship_info.zip" },
  { "ship-info-wrong-type-once", "{\"ship_info\": \"home\"}", "ship_info" },
  { "ship-state-missing", "{\"ship_info\": {\"state\": null}}", "ship_info.state" },
  { "ship-addr2-missing", "{\"ship_info\": {\"addr2\": null}}", "" },
  { "validity-days-398", "{\"order_validity\": {\"years\": null, \"days\": 398}}",
    "order_validity.days" },
  { "typo-and-missing", "{\"certificate\": {\"individual\": {\"emial\": \"x\", \"email\": null}}}",
    "certificate.individual.emial certificate.individual.email" },
};

static void
test_check (gconstpointer data)
{
  const CheckCase *c = data;
  g_autoptr(JsonNode) document = pkio_test_load_json ("example-1.json");
  g_autoptr(JsonNode) patch = parse_text (c->patch);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) paths = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  merge_all (json_node_get_object (document), json_node_get_object (patch));
  remove_nulls (json_node_get_object (document));
  text = json_to_string (document, FALSE);

  g_assert_true (pkio_order_json_check_data (text, -1, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (paths, "%s%s", i ? " " : "",
                            ((PkioOrderProblem *) problems->pdata[i])->path);
  g_assert_cmpstr (paths->str, ==, c->paths);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pkio_test_pin_today ();

  g_test_add_data_func ("/pkio/order-json/golden/example-1", "example-1.json", test_golden);
  g_test_add_data_func ("/pkio/order-json/golden/example-2", "example-2.json", test_golden);
  g_test_add_func ("/pkio/order-json/write/individual-id-alone", test_individual_id_alone);
  g_test_add_func ("/pkio/order-json/write/empty-order", test_empty_order);
  g_test_add_func ("/pkio/order-json/write/ship-info", test_ship_info_shape);
  g_test_add_func ("/pkio/order-json/write/card-only-for-card", test_card_only_for_card);
  g_test_add_func ("/pkio/order-json/write/card-modes", test_card_modes);
  g_test_add_func ("/pkio/order-json/draft-round-trip", test_draft_round_trip);
  g_test_add_func ("/pkio/order-json/read/root-not-object", test_read_root_not_object);
  g_test_add_func ("/pkio/order-json/read/missing-required", test_read_missing_required);
  g_test_add_func ("/pkio/order-json/read/null-string", test_read_null_string);
  g_test_add_func ("/pkio/order-json/read/not-utf8", test_read_not_utf8);
  g_test_add_func ("/pkio/order-json/read/lone-surrogate", test_read_lone_surrogate);
  g_test_add_func ("/pkio/order-json/check/data", test_check_data);

  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order-json/read/", read_cases[i].name, NULL);

      g_test_add_data_func (path, &read_cases[i], test_read_problem);
    }
  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order-json/check/", check_cases[i].name, NULL);

      g_test_add_data_func (path, &check_cases[i], test_check);
    }

  return g_test_run ();
}
