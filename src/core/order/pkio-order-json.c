/* pkio-order-json.c
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
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-json-guard.h"
#include "pkio-order-json-private.h"
#include "pkio-order-problem.h"
#include "pkio-validate.h"

/* PkioOrder ⇄ the JSON body of POST /order/certificate/pkio_qualified_burger,
 * in exactly the documented shape. Reading reports everything that does not
 * fit that shape (unknown keys, wrong types, values the contract does not
 * allow) with its path, rather than dropping it: a typo in an order file
 * must not turn into a silently different order. */

/* Writing */

static void
set_text (JsonObject    *object,
          const char    *key,
          PkioOrder     *order,
          PkioOrderText  field)
{
  const char *value = pkio_order_get_text (order, field);

  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

static JsonObject *
build_individual (PkioOrder *order)
{
  JsonObject *object = json_object_new ();
  gint64 id = pkio_order_get_individual_id (order);

  /* A stored individual is named by id alone. */
  if (id > 0)
    {
      json_object_set_int_member (object, "id", id);
      return object;
    }

  set_text (object, "first_name", order, PKIO_ORDER_TEXT_FIRST_NAME);
  set_text (object, "last_name", order, PKIO_ORDER_TEXT_LAST_NAME);
  set_text (object, "email", order, PKIO_ORDER_TEXT_EMAIL);
  set_text (object, "telephone", order, PKIO_ORDER_TEXT_TELEPHONE);
  set_text (object, "country", order, PKIO_ORDER_TEXT_COUNTRY);
  set_text (object, "city", order, PKIO_ORDER_TEXT_CITY);
  set_text (object, "state", order, PKIO_ORDER_TEXT_STATE);
  set_text (object, "zip", order, PKIO_ORDER_TEXT_ZIP);

  return object;
}

static gboolean
has_any_text (PkioOrder     *order,
              PkioOrderText  first,
              PkioOrderText  last)
{
  for (PkioOrderText field = first; field <= last; field++)
    {
      if (pkio_order_get_text (order, field) != NULL)
        return TRUE;
    }

  return FALSE;
}

static JsonObject *
build_ship_info (PkioOrder *order)
{
  JsonObject *object = json_object_new ();
  const char *addr2 = pkio_order_get_text (order, PKIO_ORDER_TEXT_SHIP_ADDR2);

  set_text (object, "name", order, PKIO_ORDER_TEXT_SHIP_NAME);
  set_text (object, "addr1", order, PKIO_ORDER_TEXT_SHIP_ADDR1);
  /* Required by the contract even when the address has one line. */
  json_object_set_string_member (object, "addr2", addr2 ? addr2 : "");
  set_text (object, "city", order, PKIO_ORDER_TEXT_SHIP_CITY);
  set_text (object, "state", order, PKIO_ORDER_TEXT_SHIP_STATE);
  set_text (object, "zip", order, PKIO_ORDER_TEXT_SHIP_ZIP);
  set_text (object, "country", order, PKIO_ORDER_TEXT_SHIP_COUNTRY);

  switch (pkio_order_get_ship_method (order))
    {
    case PKIO_SHIP_METHOD_STANDARD:
      json_object_set_string_member (object, "method", "STANDARD");
      break;

    case PKIO_SHIP_METHOD_EXPEDITED:
      json_object_set_string_member (object, "method", "EXPEDITED");
      break;

    case PKIO_SHIP_METHOD_NONE:
    default:
      break;
    }

  return object;
}

static JsonObject *
build_order_validity (PkioOrder *order)
{
  JsonObject *object = json_object_new ();

  switch (pkio_order_get_validity_kind (order))
    {
    case PKIO_VALIDITY_KIND_YEARS:
      json_object_set_int_member (object, "years", pkio_order_get_validity_years (order));
      break;

    case PKIO_VALIDITY_KIND_DAYS:
      json_object_set_int_member (object, "days", pkio_order_get_validity_days (order));
      break;

    case PKIO_VALIDITY_KIND_CUSTOM_DATE:
      set_text (object, "custom_expiration_date", order, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE);
      break;

    case PKIO_VALIDITY_KIND_NONE:
    default:
      break;
    }

  return object;
}

static JsonObject *
build_credit_card (PkioOrder         *order,
                   PkioOrderJsonMode  mode)
{
  JsonObject *object = json_object_new ();
  const char *number = pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_NUMBER);
  const char *cvv = pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_CVV);
  g_autofree char *masked = NULL;
  char *digits;

  switch (mode)
    {
    case PKIO_ORDER_JSON_REQUEST:
      /* Typed in groups for reading it back; sent as digits alone. */
      digits = pkio_card_number_digits (number);
      if (digits != NULL || number != NULL)
        json_object_set_string_member (object, "number", digits ? digits : number);
      pkio_string_wipe_free (digits);
      break;

    case PKIO_ORDER_JSON_DISPLAY:
      masked = pkio_card_number_mask (number);
      if (masked != NULL)
        json_object_set_string_member (object, "number", masked);
      break;

    case PKIO_ORDER_JSON_DRAFT:
    default:
      break;
    }

  set_text (object, "expiration_month", order, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH);
  set_text (object, "expiration_year", order, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR);

  if (mode == PKIO_ORDER_JSON_REQUEST)
    set_text (object, "cvv", order, PKIO_ORDER_TEXT_CARD_CVV);
  else if (mode == PKIO_ORDER_JSON_DISPLAY && cvv != NULL)
    json_object_set_string_member (object, "cvv", "•••");

  set_text (object, "cardholder_name", order, PKIO_ORDER_TEXT_CARDHOLDER_NAME);

  switch (pkio_order_get_save_credit_card (order))
    {
    case PKIO_TRISTATE_YES:
      json_object_set_boolean_member (object, "save_credit_card", TRUE);
      break;

    case PKIO_TRISTATE_NO:
      json_object_set_boolean_member (object, "save_credit_card", FALSE);
      break;

    case PKIO_TRISTATE_UNSET:
    default:
      break;
    }

  /* A string, "1" or "0", in the contract. */
  json_object_set_string_member (object, "set_as_default",
                                 pkio_order_get_set_as_default (order) ? "1" : "0");

  return object;
}

static JsonObject *
build_billing_address (PkioOrder *order)
{
  JsonObject *object = json_object_new ();

  set_text (object, "address", order, PKIO_ORDER_TEXT_BILLING_ADDRESS);
  set_text (object, "address2", order, PKIO_ORDER_TEXT_BILLING_ADDRESS2);
  set_text (object, "city", order, PKIO_ORDER_TEXT_BILLING_CITY);
  set_text (object, "state", order, PKIO_ORDER_TEXT_BILLING_STATE);
  set_text (object, "country", order, PKIO_ORDER_TEXT_BILLING_COUNTRY);
  set_text (object, "zip", order, PKIO_ORDER_TEXT_BILLING_ZIP);

  return object;
}

/* Optional objects are left out when they would be empty. */
static void
set_object_unless_empty (JsonObject *parent,
                         const char *key,
                         JsonObject *object)
{
  if (json_object_get_size (object) > 0)
    json_object_set_object_member (parent, key, object);
  else
    json_object_unref (object);
}

/**
 * pkio_order_to_json:
 * @order: a #PkioOrder
 * @mode: what the JSON is for; only %PKIO_ORDER_JSON_REQUEST carries the
 *   card number and CVV
 *
 * Writes the order in the documented request shape. Unset fields are left
 * out, and so are objects that would be empty; the individual is `{"id": N}`
 * alone when an id is set; the card and billing address only go with card
 * payment. It does not validate: call pkio_order_validate() first.
 *
 * Returns: (transfer full): the request body
 */
JsonNode *
pkio_order_to_json (PkioOrder         *order,
                    PkioOrderJsonMode  mode)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *certificate = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  json_object_set_string_member (certificate, "signature_hash", PKIO_ORDER_SIGNATURE_HASH);
  json_object_set_string_member (certificate, "profile_option", PKIO_ORDER_PROFILE_OPTION);
  switch (pkio_order_get_is_rsassa_pss (order))
    {
    case PKIO_TRISTATE_YES:
      json_object_set_boolean_member (certificate, "is_rsassa_pss", TRUE);
      break;

    case PKIO_TRISTATE_NO:
      json_object_set_boolean_member (certificate, "is_rsassa_pss", FALSE);
      break;

    case PKIO_TRISTATE_UNSET:
    default:
      break;
    }
  set_object_unless_empty (certificate, "individual", build_individual (order));
  json_object_set_object_member (root, "certificate", certificate);

  json_object_set_boolean_member (root, "csa_agreed_to", pkio_order_get_csa_agreed_to (order));
  set_text (root, "provisioning_method", order, PKIO_ORDER_TEXT_PROVISIONING_METHOD);

  if (has_any_text (order, PKIO_ORDER_TEXT_SHIP_NAME, PKIO_ORDER_TEXT_SHIP_COUNTRY) ||
      pkio_order_get_ship_method (order) != PKIO_SHIP_METHOD_NONE)
    json_object_set_object_member (root, "ship_info", build_ship_info (order));

  set_object_unless_empty (root, "order_validity", build_order_validity (order));

  switch (pkio_order_get_payment_method (order))
    {
    case PKIO_PAYMENT_METHOD_BALANCE:
      json_object_set_string_member (root, "payment_method", "balance");
      break;

    case PKIO_PAYMENT_METHOD_CARD:
      json_object_set_string_member (root, "payment_method", "card");
      json_object_set_object_member (root, "credit_card", build_credit_card (order, mode));
      set_object_unless_empty (root, "billing_address", build_billing_address (order));
      break;

    case PKIO_PAYMENT_METHOD_NONE:
    default:
      break;
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);

  return node;
}

/**
 * pkio_order_to_json_string:
 *
 * Returns: (transfer full): pkio_order_to_json() as text
 */
char *
pkio_order_to_json_string (PkioOrder         *order,
                           PkioOrderJsonMode  mode,
                           gboolean           pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  node = pkio_order_to_json (order, mode);

  return json_to_string (node, pretty);
}

/* Reading */

typedef struct
{
  PkioOrder *order;
  GPtrArray *problems;
  guint      validity_keys;
  gboolean   seen_signature_hash;
  gboolean   seen_profile_option;
  gboolean   seen_set_as_default;
  gboolean   seen_individual_details;
} Reader;

/* Whether a problem is already reported at @path or at an object around it. */
static gboolean
covered_by (GPtrArray  *problems,
            const char *path)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const PkioOrderProblem *problem = g_ptr_array_index (problems, i);
      gsize length = strlen (problem->path);

      if (strncmp (problem->path, path, length) == 0 &&
          (path[length] == '\0' || path[length] == '.'))
        return TRUE;
    }

  return FALSE;
}

typedef void (*ReadFunc) (Reader     *reader,
                          const char *path,
                          JsonNode   *node);

typedef struct
{
  const char *path;
  ReadFunc    read;
} KeyReader;

static void read_object (Reader *reader, const char *path, JsonNode *node);

G_GNUC_PRINTF (4, 5)
static void
add_problem (Reader     *reader,
             const char *path,
             int         code,
             const char *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (PKIO_VALIDATE_ERROR, code, format, args);
  va_end (args);

  g_ptr_array_add (reader->problems, pkio_order_problem_new (path, error));
}

static const char *
last_key (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot ? dot + 1 : path;
}

static const char *
expect_string (Reader     *reader,
               const char *path,
               JsonNode   *node)
{
  const char *value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      add_problem (reader, path, PKIO_VALIDATE_ERROR_WRONG_TYPE,
                   _("“%s” must be a string"), last_key (path));
      return NULL;
    }

  /* json-glib 1.6 decodes a lone surrogate escape ("\udc00") into bytes
   * that are not UTF-8; nothing downstream (the validators, the generator)
   * copes with those. Found by fuzzing. */
  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL))
    {
      add_problem (reader, path, PKIO_VALIDATE_ERROR_FORMAT,
                   _("“%s” is not valid UTF-8 text"), last_key (path));
      return NULL;
    }

  return value;
}

static gboolean
expect_boolean (Reader     *reader,
                const char *path,
                JsonNode   *node,
                gboolean   *value)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }

  add_problem (reader, path, PKIO_VALIDATE_ERROR_WRONG_TYPE,
               _("“%s” must be true or false"), last_key (path));
  return FALSE;
}

static gboolean
expect_integer (Reader     *reader,
                const char *path,
                JsonNode   *node,
                gint64      min,
                gint64      max,
                gint64     *value)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      add_problem (reader, path, PKIO_VALIDATE_ERROR_WRONG_TYPE,
                   _("“%s” must be a whole number"), last_key (path));
      return FALSE;
    }

  *value = json_node_get_int (node);
  if (*value < min || *value > max)
    {
      add_problem (reader, path, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                   _("“%s” is out of range"), last_key (path));
      return FALSE;
    }

  return TRUE;
}

static void
read_signature_hash (Reader     *reader,
                     const char *path,
                     JsonNode   *node)
{
  const char *value = expect_string (reader, path, node);

  reader->seen_signature_hash = TRUE;
  if (value != NULL && !g_str_equal (value, PKIO_ORDER_SIGNATURE_HASH))
    add_problem (reader, path, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Signature hash: only “%s” is supported"), PKIO_ORDER_SIGNATURE_HASH);
}

static void
read_profile_option (Reader     *reader,
                     const char *path,
                     JsonNode   *node)
{
  const char *value = expect_string (reader, path, node);

  reader->seen_profile_option = TRUE;
  if (value != NULL && !g_str_equal (value, PKIO_ORDER_PROFILE_OPTION))
    add_problem (reader, path, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Profile option: only “%s” is supported"), PKIO_ORDER_PROFILE_OPTION);
}

static void
read_is_rsassa_pss (Reader     *reader,
                    const char *path,
                    JsonNode   *node)
{
  gboolean value;

  if (expect_boolean (reader, path, node, &value))
    pkio_order_set_is_rsassa_pss (reader->order, value ? PKIO_TRISTATE_YES : PKIO_TRISTATE_NO);
}

static void
read_individual_id (Reader     *reader,
                    const char *path,
                    JsonNode   *node)
{
  gint64 value;

  if (expect_integer (reader, path, node, 1, G_MAXINT64, &value))
    pkio_order_set_individual_id (reader->order, value);
}

static void
read_csa_agreed_to (Reader     *reader,
                    const char *path,
                    JsonNode   *node)
{
  gboolean value;

  if (expect_boolean (reader, path, node, &value))
    pkio_order_set_csa_agreed_to (reader->order, value);
}

static void
read_ship_method (Reader     *reader,
                  const char *path,
                  JsonNode   *node)
{
  const char *value = expect_string (reader, path, node);

  if (value == NULL)
    return;

  if (g_str_equal (value, "STANDARD"))
    pkio_order_set_ship_method (reader->order, PKIO_SHIP_METHOD_STANDARD);
  else if (g_str_equal (value, "EXPEDITED"))
    pkio_order_set_ship_method (reader->order, PKIO_SHIP_METHOD_EXPEDITED);
  else
    add_problem (reader, path, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Shipping method: use “STANDARD” or “EXPEDITED”"));
}

static void
read_years (Reader     *reader,
            const char *path,
            JsonNode   *node)
{
  gint64 value;

  reader->validity_keys++;
  if (!expect_integer (reader, path, node, G_MININT, G_MAXINT, &value))
    return;

  pkio_order_set_validity_years (reader->order, value);
  /* The contract's precedence: days override years, a date overrides both. */
  if (pkio_order_get_validity_kind (reader->order) == PKIO_VALIDITY_KIND_NONE)
    pkio_order_set_validity_kind (reader->order, PKIO_VALIDITY_KIND_YEARS);
}

static void
read_days (Reader     *reader,
           const char *path,
           JsonNode   *node)
{
  gint64 value;

  reader->validity_keys++;
  if (!expect_integer (reader, path, node, G_MININT, G_MAXINT, &value))
    return;

  pkio_order_set_validity_days (reader->order, value);
  if (pkio_order_get_validity_kind (reader->order) != PKIO_VALIDITY_KIND_CUSTOM_DATE)
    pkio_order_set_validity_kind (reader->order, PKIO_VALIDITY_KIND_DAYS);
}

static void
read_payment_method (Reader     *reader,
                     const char *path,
                     JsonNode   *node)
{
  const char *value = expect_string (reader, path, node);

  if (value == NULL)
    return;

  if (g_str_equal (value, "balance"))
    pkio_order_set_payment_method (reader->order, PKIO_PAYMENT_METHOD_BALANCE);
  else if (g_str_equal (value, "card"))
    pkio_order_set_payment_method (reader->order, PKIO_PAYMENT_METHOD_CARD);
  else
    add_problem (reader, path, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Payment method: use “balance” or “card”"));
}

static void
read_save_credit_card (Reader     *reader,
                       const char *path,
                       JsonNode   *node)
{
  gboolean value;

  /* true, false, or null for "no preference". */
  if (JSON_NODE_HOLDS_NULL (node))
    pkio_order_set_save_credit_card (reader->order, PKIO_TRISTATE_UNSET);
  else if (expect_boolean (reader, path, node, &value))
    pkio_order_set_save_credit_card (reader->order, value ? PKIO_TRISTATE_YES : PKIO_TRISTATE_NO);
}

static void
read_set_as_default (Reader     *reader,
                     const char *path,
                     JsonNode   *node)
{
  const char *value = expect_string (reader, path, node);

  reader->seen_set_as_default = TRUE;
  if (value == NULL)
    return;

  if (g_str_equal (value, "1") || g_str_equal (value, "0"))
    pkio_order_set_set_as_default (reader->order, value[0] == '1');
  else
    add_problem (reader, path, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Set as default: use “1” or “0”"));
}

/* Every key of the contract that is not a plain text field. */
static const KeyReader key_readers[] = {
  { "certificate", read_object },
  { "certificate.signature_hash", read_signature_hash },
  { "certificate.profile_option", read_profile_option },
  { "certificate.is_rsassa_pss", read_is_rsassa_pss },
  { "certificate.individual", read_object },
  { "certificate.individual.id", read_individual_id },
  { "csa_agreed_to", read_csa_agreed_to },
  { "ship_info", read_object },
  { "ship_info.method", read_ship_method },
  { "order_validity", read_object },
  { "order_validity.years", read_years },
  { "order_validity.days", read_days },
  { "payment_method", read_payment_method },
  { "credit_card", read_object },
  { "credit_card.save_credit_card", read_save_credit_card },
  { "credit_card.set_as_default", read_set_as_default },
  { "billing_address", read_object },
};

static gboolean
read_text_field (Reader     *reader,
                 const char *path,
                 JsonNode   *node)
{
  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      const char *value;

      if (!g_str_equal (pkio_order_text_get_path (i), path))
        continue;

      value = expect_string (reader, path, node);
      if (value == NULL)
        return TRUE;

      pkio_order_set_text (reader->order, i, value);
      if (i == PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE)
        {
          reader->validity_keys++;
          pkio_order_set_validity_kind (reader->order, PKIO_VALIDITY_KIND_CUSTOM_DATE);
        }
      else if (i <= PKIO_ORDER_TEXT_ZIP)
        reader->seen_individual_details = TRUE;

      return TRUE;
    }

  return FALSE;
}

static void
read_member (Reader     *reader,
             const char *path,
             JsonNode   *node)
{
  if (read_text_field (reader, path, node))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (key_readers); i++)
    {
      if (g_str_equal (key_readers[i].path, path))
        {
          key_readers[i].read (reader, path, node);
          return;
        }
    }

  add_problem (reader, path, PKIO_VALIDATE_ERROR_UNKNOWN_FIELD,
               _("“%s” is not a field of the order"), last_key (path));
}

static void
read_object (Reader     *reader,
             const char *path,
             JsonNode   *node)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node) && path == NULL)
    {
      /* "$" stands for the whole document, as in JSONPath. */
      add_problem (reader, "$", PKIO_VALIDATE_ERROR_WRONG_TYPE,
                   _("An order must be a JSON object"));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (reader, path, PKIO_VALIDATE_ERROR_WRONG_TYPE,
                   _("“%s” must be an object"), last_key (path));
      return;
    }

  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &member))
    {
      g_autofree char *member_path = path ? g_strconcat (path, ".", key, NULL) : g_strdup (key);

      read_member (reader, member_path, member);
    }
}

/**
 * pkio_order_new_from_json:
 * @node: an order in the request shape
 * @problems: (element-type PkioOrderProblem): where to add what does not fit
 *   the shape: unknown keys, wrong types, values the contract does not allow
 *
 * Reads as much of @node as fits. What is missing is left unset for
 * pkio_order_validate() to report; only what the model cannot hold unset
 * (the fixed signature hash and profile, set_as_default) is reported here.
 *
 * Returns: (transfer full): the order
 */
PkioOrder *
pkio_order_new_from_json (JsonNode  *node,
                          GPtrArray *problems)
{
  Reader reader = { 0 };

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  reader.order = pkio_order_new ();
  reader.problems = problems;

  read_object (&reader, NULL, node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return reader.order;

  if (!reader.seen_signature_hash && !covered_by (problems, "certificate"))
    add_problem (&reader, "certificate.signature_hash", PKIO_VALIDATE_ERROR_EMPTY,
                 _("Signature hash: required, “%s”"), PKIO_ORDER_SIGNATURE_HASH);
  if (!reader.seen_profile_option && !covered_by (problems, "certificate"))
    add_problem (&reader, "certificate.profile_option", PKIO_VALIDATE_ERROR_EMPTY,
                 _("Profile option: required, “%s”"), PKIO_ORDER_PROFILE_OPTION);

  if (reader.validity_keys > 1)
    add_problem (&reader, "order_validity", PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Validity: give only one of years, days or a custom expiration date"));

  if (pkio_order_get_individual_id (reader.order) > 0 && reader.seen_individual_details)
    add_problem (&reader, "certificate.individual.id", PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                 _("Individual: give either the id of a stored individual "
                   "or the applicant’s details, not both"));

  if (pkio_order_get_payment_method (reader.order) == PKIO_PAYMENT_METHOD_CARD)
    {
      if (!reader.seen_set_as_default && !covered_by (problems, "credit_card"))
        add_problem (&reader, "credit_card.set_as_default", PKIO_VALIDATE_ERROR_EMPTY,
                     _("Set as default: required, “1” or “0”"));
    }
  else
    {
      JsonObject *root = json_node_get_object (node);

      if (json_object_has_member (root, "credit_card"))
        add_problem (&reader, "credit_card", PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                     _("Card: only sent when paying by card"));
      if (json_object_has_member (root, "billing_address"))
        add_problem (&reader, "billing_address", PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                     _("Billing address: only sent when paying by card"));
    }

  return reader.order;
}

/**
 * _pkio_json_parse:
 * @data: JSON text
 * @length: its length, or -1 when nul-terminated
 * @error: a #JsonParserError, or %G_IO_ERROR_INVALID_DATA when @data holds
 *   no value at all (json-glib accepts that without an error)
 *
 * Returns: (transfer full) (nullable): the document's root
 */
JsonNode *
_pkio_json_parse (const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  /* Before the parser, whose recursion a deep document would overflow. */
  if (!pkio_json_depth_ok (data, length, PKIO_JSON_MAX_DEPTH))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The document is nested more than %u levels deep"), PKIO_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The document is empty"));
      return NULL;
    }

  return json_node_copy (root);
}

/**
 * pkio_order_new_from_json_data:
 * @data: the text of an order
 * @length: its length, or -1 when nul-terminated
 * @problems: (element-type PkioOrderProblem): as for pkio_order_new_from_json()
 * @error: set when @data is not JSON at all
 *
 * Returns: (transfer full) (nullable): the order, or %NULL if @data is not JSON
 */
PkioOrder *
pkio_order_new_from_json_data (const char  *data,
                               gssize       length,
                               GPtrArray   *problems,
                               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  root = _pkio_json_parse (data, length, error);
  if (root == NULL)
    return NULL;

  return pkio_order_new_from_json (root, problems);
}

/**
 * pkio_order_json_check_data:
 * @data: the text of an order
 * @length: its length, or -1 when nul-terminated
 * @problems: (out) (transfer full) (element-type PkioOrderProblem): every
 *   problem, of shape and of content; empty when the order is valid
 * @error: set when @data is not JSON at all
 *
 * What `pkio-order validate` does: read, then validate every step. A field
 * already reported by the reader (a wrong type, say) is not reported again
 * as missing.
 *
 * Returns: %FALSE only when @data is not JSON; look at @problems for validity
 */
gboolean
pkio_order_json_check_data (const char  *data,
                            gssize       length,
                            GPtrArray  **problems,
                            GError     **error)
{
  g_autoptr(GPtrArray) found = pkio_order_problem_list_new ();
  g_autoptr(GPtrArray) invalid = NULL;
  g_autoptr(PkioOrder) order = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  order = pkio_order_new_from_json_data (data, length, found, error);
  if (order == NULL)
    return FALSE;

  if (!covered_by (found, "$") && !pkio_order_validate (order, &invalid))
    {
      for (guint i = 0; i < invalid->len; i++)
        {
          PkioOrderProblem *problem = g_ptr_array_index (invalid, i);

          if (!covered_by (found, problem->path))
            g_ptr_array_add (found, pkio_order_problem_copy (problem));
        }
    }

  /* The card secrets of an order file live no longer than needed. */
  pkio_order_wipe_card_secrets (order);

  *problems = g_steal_pointer (&found);

  return TRUE;
}
