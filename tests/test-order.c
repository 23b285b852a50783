/* test-order.c
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

#include <glib-object.h>

#include "pkio-core-enums.h"
#include "pkio-order.h"
#include "pkio-order-problem.h"
#include "pkio-test-utils.h"
#include "pkio-validate.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
notify_count (GHashTable *counts,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_text_property (gconstpointer data)
{
  PkioOrderText field = GPOINTER_TO_UINT (data);
  const char *name = pkio_order_text_get_property_name (field);
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *value = NULL;

  g_signal_connect (order, "notify", G_CALLBACK (count_notify_cb), counts);

  g_assert_null (pkio_order_get_text (order, field));
  g_object_set (order, name, "value", NULL);
  g_assert_cmpuint (notify_count (counts, name), ==, 1);
  g_assert_cmpstr (pkio_order_get_text (order, field), ==, "value");
  g_object_get (order, name, &value, NULL);
  g_assert_cmpstr (value, ==, "value");

  /* Notified only on a real change. */
  pkio_order_set_text (order, field, "value");
  g_assert_cmpuint (notify_count (counts, name), ==, 1);

  /* An emptied entry is an unset field. */
  pkio_order_set_text (order, field, "");
  g_assert_cmpuint (notify_count (counts, name), ==, 2);
  g_assert_null (pkio_order_get_text (order, field));
  pkio_order_set_text (order, field, NULL);
  g_assert_cmpuint (notify_count (counts, name), ==, 2);

  /* Nothing else moved. */
  g_assert_cmpuint (g_hash_table_size (counts), ==, 1);
  g_assert_nonnull (pkio_order_text_get_path (field));
}

typedef struct
{
  const char *property;
  GType       type;
  int         value;
} ValueCase;

static void
test_value_properties (void)
{
  const ValueCase cases[] = {
    { "individual-id", G_TYPE_INT64, 21 },
    { "is-rsassa-pss", PKIO_TYPE_TRISTATE, PKIO_TRISTATE_YES },
    { "csa-agreed-to", G_TYPE_BOOLEAN, TRUE },
    { "ship-method", PKIO_TYPE_SHIP_METHOD, PKIO_SHIP_METHOD_EXPEDITED },
    { "validity-kind", PKIO_TYPE_VALIDITY_KIND, PKIO_VALIDITY_KIND_DAYS },
    { "validity-years", G_TYPE_INT, 2 },
    { "validity-days", G_TYPE_INT, 200 },
    { "payment-method", PKIO_TYPE_PAYMENT_METHOD, PKIO_PAYMENT_METHOD_CARD },
    { "save-credit-card", PKIO_TYPE_TRISTATE, PKIO_TRISTATE_NO },
    { "set-as-default", G_TYPE_BOOLEAN, TRUE },
  };
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (order, "notify", G_CALLBACK (count_notify_cb), counts);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (order),
                                                        cases[i].property);
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) read = G_VALUE_INIT;

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == cases[i].type);

      g_value_init (&value, cases[i].type);
      if (cases[i].type == G_TYPE_INT64)
        g_value_set_int64 (&value, cases[i].value);
      else if (cases[i].type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, cases[i].value);
      else if (cases[i].type == G_TYPE_INT)
        g_value_set_int (&value, cases[i].value);
      else
        g_value_set_enum (&value, cases[i].value);

      g_object_set_property (G_OBJECT (order), cases[i].property, &value);
      g_object_set_property (G_OBJECT (order), cases[i].property, &value);
      g_assert_cmpuint (notify_count (counts, cases[i].property), ==, 1);

      g_value_init (&read, cases[i].type);
      g_object_get_property (G_OBJECT (order), cases[i].property, &read);
      g_assert_true (g_param_values_cmp (pspec, &value, &read) == 0);
    }

  g_assert_cmpint (pkio_order_get_individual_id (order), ==, 21);
  g_assert_cmpint (pkio_order_get_validity_days (order), ==, 200);
  g_assert_cmpint (pkio_order_get_payment_method (order), ==, PKIO_PAYMENT_METHOD_CARD);
  g_assert_true (pkio_order_get_set_as_default (order));
}

static void
test_clear_personal_data (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  pkio_order_set_individual_id (order, 5);
  pkio_order_set_set_as_default (order, TRUE);
  g_signal_connect (order, "notify", G_CALLBACK (count_notify_cb), counts);

  pkio_order_clear_personal_data (order);

  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      if (i == PKIO_ORDER_TEXT_PROVISIONING_METHOD)
        continue;
      g_assert_null (pkio_order_get_text (order, i));
    }
  g_assert_cmpint (pkio_order_get_individual_id (order), ==, 0);
  g_assert_false (pkio_order_get_csa_agreed_to (order));
  g_assert_cmpint (pkio_order_get_save_credit_card (order), ==, PKIO_TRISTATE_UNSET);
  g_assert_false (pkio_order_get_set_as_default (order));

  /* The desk's choices stay for the next applicant. */
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_PROVISIONING_METHOD), ==, "qscd");
  g_assert_cmpint (pkio_order_get_ship_method (order), ==, PKIO_SHIP_METHOD_STANDARD);
  g_assert_cmpint (pkio_order_get_payment_method (order), ==, PKIO_PAYMENT_METHOD_CARD);
  g_assert_cmpint (pkio_order_get_validity_years (order), ==, 1);

  /* One notification per property that changed, none for the rest. */
  g_assert_cmpuint (notify_count (counts, "first-name"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "card-number"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "ship-addr2"), ==, 0);
  g_assert_cmpuint (notify_count (counts, "ship-method"), ==, 0);
  g_assert_cmpuint (notify_count (counts, "provisioning-method"), ==, 0);
}

static void
test_normalize (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_object_set (order,
                "telephone", "+31-0-72 568 7878",
                "country", "NL",
                "zip", "2611ab",
                "ship-country", "GB",
                "ship-zip", "sw1a1aa",
                "billing-country", "Nederland",   /* not a code: left alone */
                "billing-zip", "2611ab",
                "validity-kind", PKIO_VALIDITY_KIND_CUSTOM_DATE,
                "custom-expiration-date", "09 jun 2027",
                NULL);
  g_signal_connect (order, "notify", G_CALLBACK (count_notify_cb), counts);

  pkio_order_normalize (order);

  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_TELEPHONE), ==, "+31725687878");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_COUNTRY), ==, "nl");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_ZIP), ==, "2611 AB");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_SHIP_COUNTRY), ==, "gb");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_SHIP_ZIP), ==, "SW1A 1AA");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_BILLING_COUNTRY), ==, "Nederland");
  /* Unknown country: a postal code of any shape, only trimmed. */
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_BILLING_ZIP), ==, "2611ab");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE), ==,
                   "09 JUN 2027");

  /* Values already in form are not touched, and not notified. */
  g_assert_cmpuint (notify_count (counts, "city"), ==, 0);
  g_assert_cmpuint (notify_count (counts, "telephone"), ==, 1);
  g_hash_table_remove_all (counts);
  pkio_order_normalize (order);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);
}

static void
test_wipe_card_secrets (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_CARD);

  pkio_order_wipe_card_secrets (order);
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_NUMBER));
  g_assert_null (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_CVV));
  /* Only the secrets: the rest of the card stays for a retry. */
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH), ==, "12");
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_CARDHOLDER_NAME), ==,
                   "Jan de Vries");
}

static void
test_valid (gconstpointer data)
{
  PkioPaymentMethod payment = GPOINTER_TO_INT (data);
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (payment);
  g_autoptr(GPtrArray) problems = NULL;

  for (guint step = PKIO_ORDER_STEP_APPLICANT; step <= PKIO_ORDER_STEP_AGREEMENT; step++)
    g_assert_true (pkio_order_validate_step (order, step, NULL));

  g_assert_true (pkio_order_validate (order, &problems));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_empty (void)
{
  const char * const expected[] = {
    "certificate.individual.first_name",
    "certificate.individual.last_name",
    "certificate.individual.email",
    "certificate.individual.telephone",
    "certificate.individual.country",
    "certificate.individual.city",
    "certificate.individual.zip",
    "provisioning_method",
    "ship_info.name",
    "ship_info.addr1",
    "ship_info.city",
    "ship_info.state",
    "ship_info.zip",
    "ship_info.country",
    "ship_info.method",
    "payment_method",
    "csa_agreed_to",
  };
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(GPtrArray) problems = NULL;

  /* Every problem at once, each with its path, in field order. */
  g_assert_false (pkio_order_validate (order, &problems));
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      const PkioOrderProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->path, ==, expected[i]);
      g_assert_true (problem->error->domain == PKIO_VALIDATE_ERROR);
      g_assert_cmpstr (problem->error->message, !=, "");
    }

  g_assert_false (pkio_order_validate_step (order, PKIO_ORDER_STEP_APPLICANT, NULL));
  /* The validity may be left to the order's own. */
  g_assert_true (pkio_order_validate_step (order, PKIO_ORDER_STEP_CERTIFICATE, NULL));
}

typedef struct
{
  const char    *name;
  PkioPaymentMethod payment;
  const char    *property;
  const char    *text;        /* NULL and value 0: clear it */
  int            value;
  PkioOrderStep  step;
  const char    *path;        /* NULL: still valid */
  int            code;
} ChangeCase;

static const ChangeCase change_cases[] = {
  { "first-name-title", PKIO_PAYMENT_METHOD_BALANCE, "first-name", "Dr. Jan", 0,
    PKIO_ORDER_STEP_APPLICANT, "certificate.individual.first_name", PKIO_VALIDATE_ERROR_TITLE },
  { "email", PKIO_PAYMENT_METHOD_BALANCE, "email", "jan@", 0,
    PKIO_ORDER_STEP_APPLICANT, "certificate.individual.email", PKIO_VALIDATE_ERROR_FORMAT },
  { "telephone-national", PKIO_PAYMENT_METHOD_BALANCE, "telephone", "06 12345678", 0,
    PKIO_ORDER_STEP_APPLICANT, "certificate.individual.telephone", PKIO_VALIDATE_ERROR_FORMAT },
  { "zip-nl", PKIO_PAYMENT_METHOD_BALANCE, "zip", "2611", 0,
    PKIO_ORDER_STEP_APPLICANT, "certificate.individual.zip", PKIO_VALIDATE_ERROR_FORMAT },
  { "country-unknown", PKIO_PAYMENT_METHOD_BALANCE, "country", "zz", 0,
    PKIO_ORDER_STEP_APPLICANT, "certificate.individual.country", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "city-missing", PKIO_PAYMENT_METHOD_BALANCE, "city", NULL, 0,
    PKIO_ORDER_STEP_APPLICANT, "certificate.individual.city", PKIO_VALIDATE_ERROR_EMPTY },
  { "state-optional-nl", PKIO_PAYMENT_METHOD_BALANCE, "state", NULL, 0,
    PKIO_ORDER_STEP_APPLICANT, NULL, 0 },
  { "individual-id-alone", PKIO_PAYMENT_METHOD_BALANCE, "individual-id", NULL, 21,
    PKIO_ORDER_STEP_APPLICANT, NULL, 0 },
  { "validity-days-unset", PKIO_PAYMENT_METHOD_BALANCE, "validity-kind", NULL,
    PKIO_VALIDITY_KIND_DAYS, PKIO_ORDER_STEP_CERTIFICATE, "order_validity.days",
    PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "validity-custom-missing", PKIO_PAYMENT_METHOD_BALANCE, "validity-kind", NULL,
    PKIO_VALIDITY_KIND_CUSTOM_DATE, PKIO_ORDER_STEP_CERTIFICATE,
    "order_validity.custom_expiration_date", PKIO_VALIDATE_ERROR_EMPTY },
  { "validity-years-4", PKIO_PAYMENT_METHOD_BALANCE, "validity-years", NULL, 4,
    PKIO_ORDER_STEP_CERTIFICATE, "order_validity.years", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "validity-none", PKIO_PAYMENT_METHOD_BALANCE, "validity-kind", NULL, PKIO_VALIDITY_KIND_NONE,
    PKIO_ORDER_STEP_CERTIFICATE, NULL, 0 },
  { "provisioning-token", PKIO_PAYMENT_METHOD_BALANCE, "provisioning-method", "token", 0,
    PKIO_ORDER_STEP_SHIPPING, "provisioning_method", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "ship-state-missing", PKIO_PAYMENT_METHOD_BALANCE, "ship-state", NULL, 0,
    PKIO_ORDER_STEP_SHIPPING, "ship_info.state", PKIO_VALIDATE_ERROR_EMPTY },
  { "ship-addr2-given", PKIO_PAYMENT_METHOD_BALANCE, "ship-addr2", "Floor 94", 0,
    PKIO_ORDER_STEP_SHIPPING, NULL, 0 },
  { "ship-zip-nl", PKIO_PAYMENT_METHOD_BALANCE, "ship-zip", "1234 SS", 0,
    PKIO_ORDER_STEP_SHIPPING, "ship_info.zip", PKIO_VALIDATE_ERROR_FORMAT },
  { "ship-method-none", PKIO_PAYMENT_METHOD_BALANCE, "ship-method", NULL, PKIO_SHIP_METHOD_NONE,
    PKIO_ORDER_STEP_SHIPPING, "ship_info.method", PKIO_VALIDATE_ERROR_EMPTY },
  { "payment-none", PKIO_PAYMENT_METHOD_BALANCE, "payment-method", NULL, PKIO_PAYMENT_METHOD_NONE,
    PKIO_ORDER_STEP_PAYMENT, "payment_method", PKIO_VALIDATE_ERROR_EMPTY },
  { "balance-ignores-card", PKIO_PAYMENT_METHOD_BALANCE, "card-number", "1234", 0,
    PKIO_ORDER_STEP_PAYMENT, NULL, 0 },
  { "card-luhn", PKIO_PAYMENT_METHOD_CARD, "card-number", "4111 1111 1111 1112", 0,
    PKIO_ORDER_STEP_PAYMENT, "credit_card.number", PKIO_VALIDATE_ERROR_CHECKSUM },
  { "card-expired", PKIO_PAYMENT_METHOD_CARD, "card-expiration-year", "2025", 0,
    PKIO_ORDER_STEP_PAYMENT, "credit_card.expiration_year", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "card-month", PKIO_PAYMENT_METHOD_CARD, "card-expiration-month", "7", 0,
    PKIO_ORDER_STEP_PAYMENT, "credit_card.expiration_month", PKIO_VALIDATE_ERROR_FORMAT },
  { "card-cvv", PKIO_PAYMENT_METHOD_CARD, "card-cvv", "1234", 0,
    PKIO_ORDER_STEP_PAYMENT, "credit_card.cvv", PKIO_VALIDATE_ERROR_FORMAT },
  { "cardholder-missing", PKIO_PAYMENT_METHOD_CARD, "cardholder-name", NULL, 0,
    PKIO_ORDER_STEP_PAYMENT, "credit_card.cardholder_name", PKIO_VALIDATE_ERROR_EMPTY },
  { "billing-zip-nl-required", PKIO_PAYMENT_METHOD_CARD, "billing-zip", NULL, 0,
    PKIO_ORDER_STEP_PAYMENT, "billing_address.zip", PKIO_VALIDATE_ERROR_EMPTY },
  { "billing-city-missing", PKIO_PAYMENT_METHOD_CARD, "billing-city", NULL, 0,
    PKIO_ORDER_STEP_PAYMENT, "billing_address.city", PKIO_VALIDATE_ERROR_EMPTY },
  { "csa-not-agreed", PKIO_PAYMENT_METHOD_BALANCE, "csa-agreed-to", NULL, FALSE,
    PKIO_ORDER_STEP_AGREEMENT, "csa_agreed_to", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
};

static void
apply_change (PkioOrder        *order,
              const ChangeCase *c)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (order), c->property);

  g_assert_nonnull (pspec);
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING)
    g_object_set (order, c->property, c->text, NULL);
  else if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_INT64)
    g_object_set (order, c->property, (gint64) c->value, NULL);
  else
    g_object_set (order, c->property, c->value, NULL);
}

static void
test_change (gconstpointer data)
{
  const ChangeCase *c = data;
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (c->payment);
  g_autoptr(GPtrArray) step_problems = NULL;
  g_autoptr(GPtrArray) all_problems = NULL;

  apply_change (order, c);

  if (c->path == NULL)
    {
      g_assert_true (pkio_order_validate_step (order, c->step, &step_problems));
      g_assert_cmpuint (step_problems->len, ==, 0);
      g_assert_true (pkio_order_validate (order, NULL));
      return;
    }

  g_assert_false (pkio_order_validate_step (order, c->step, &step_problems));
  g_assert_cmpuint (step_problems->len, ==, 1);
  g_assert_cmpstr (((PkioOrderProblem *) step_problems->pdata[0])->path, ==, c->path);
  g_assert_error (((PkioOrderProblem *) step_problems->pdata[0])->error,
                  PKIO_VALIDATE_ERROR, c->code);

  /* The path leads back to the step that reported it. */
  {
    PkioOrderStep step;

    g_assert_true (pkio_order_step_for_path (c->path, &step));
    g_assert_cmpint (step, ==, c->step);
  }

  /* The other steps are not affected. */
  g_assert_false (pkio_order_validate (order, &all_problems));
  g_assert_cmpuint (all_problems->len, ==, 1);
  g_assert_true (pkio_order_problem_list_has_path (all_problems, c->path));
}

static void
count_emission (PkioOrder     *order,
                PkioOrderStep  step,
                guint         *emitted)
{
  emitted[step]++;
}

static void
count_change (guint *changed)
{
  (*changed)++;
}

static void
get_check_counts (PkioOrder *order,
                  guint     *checks)
{
  for (guint step = 0; step < PKIO_ORDER_N_STEPS; step++)
    checks[step] = pkio_order_get_check_count_for_testing (order, step);
}

/* The same changes, followed as the wizard follows them: each checks the
 * step of its field once and no other, and "problems-changed" says so
 * only when what is wrong changed. */
static void
test_problems_follow_change (gconstpointer data)
{
  const ChangeCase *c = data;
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (c->payment);
  guint before[PKIO_ORDER_N_STEPS], after[PKIO_ORDER_N_STEPS];
  guint emitted[PKIO_ORDER_N_STEPS] = { 0, };
  GPtrArray *problems;

  g_autofree char *notify = g_strconcat ("notify::", c->property, NULL);
  guint changed = 0;

  g_assert_true (pkio_order_is_valid (order));
  g_signal_connect (order, "problems-changed", G_CALLBACK (count_emission), emitted);
  g_signal_connect_swapped (order, notify, G_CALLBACK (count_change), &changed);
  get_check_counts (order, before);

  apply_change (order, c);

  /* A value set as it was is no change ("state-optional-nl"). */
  get_check_counts (order, after);
  for (guint step = 0; step < PKIO_ORDER_N_STEPS; step++)
    {
      g_assert_cmpuint (after[step], ==, before[step] + (step == c->step ? changed : 0));
      g_assert_cmpuint (emitted[step], ==, step == c->step && c->path != NULL ? 1 : 0);
    }

  /* Asking again is not checking again. */
  problems = pkio_order_get_problems (order, c->step);
  g_assert_cmpuint (problems->len, ==, c->path != NULL ? 1 : 0);
  if (c->path != NULL)
    g_assert_cmpstr (((PkioOrderProblem *) problems->pdata[0])->path, ==, c->path);
  g_assert_cmpint (pkio_order_is_step_valid (order, c->step), ==, c->path == NULL);
  g_assert_cmpint (pkio_order_is_valid (order), ==, c->path == NULL);
  get_check_counts (order, before);
  g_assert_cmpmem (before, sizeof before, after, sizeof after);
}

/* Typing: one check per keystroke, one signal when the verdict changes. */
static void
test_problems_typing (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  static const char *const typed[] = { "j", "ja", "jan", "jan@", "jan@e", "jan@e.nl" };
  guint before[PKIO_ORDER_N_STEPS], after[PKIO_ORDER_N_STEPS];
  guint emitted[PKIO_ORDER_N_STEPS] = { 0, };

  g_assert_true (pkio_order_is_valid (order));
  g_signal_connect (order, "problems-changed", G_CALLBACK (count_emission), emitted);
  get_check_counts (order, before);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    pkio_order_set_text (order, PKIO_ORDER_TEXT_EMAIL, typed[i]);

  get_check_counts (order, after);
  g_assert_cmpuint (after[PKIO_ORDER_STEP_APPLICANT], ==,
                    before[PKIO_ORDER_STEP_APPLICANT] + G_N_ELEMENTS (typed));
  /* Valid, wrong from "j" to "jan@e", valid again. */
  g_assert_cmpuint (emitted[PKIO_ORDER_STEP_APPLICANT], ==, 2);
  for (guint step = PKIO_ORDER_STEP_APPLICANT + 1; step < PKIO_ORDER_N_STEPS; step++)
    {
      g_assert_cmpuint (after[step], ==, before[step]);
      g_assert_cmpuint (emitted[step], ==, 0);
    }
}

/* A batch of changes (notifications frozen) checks each step it touched
 * once, at the end; a field no step checks, and an order nobody asked
 * about (a draft being loaded), check nothing. */
static void
test_problems_batch (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(PkioOrder) unread = pkio_order_new ();
  guint before[PKIO_ORDER_N_STEPS], after[PKIO_ORDER_N_STEPS];
  guint emitted[PKIO_ORDER_N_STEPS] = { 0, };

  g_assert_true (pkio_order_is_valid (order));
  g_signal_connect (order, "problems-changed", G_CALLBACK (count_emission), emitted);
  get_check_counts (order, before);

  g_object_freeze_notify (G_OBJECT (order));
  pkio_order_set_text (order, PKIO_ORDER_TEXT_CITY, NULL);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_ZIP, "2611");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_CITY, NULL);
  /* Seen at once, while the notifications wait. */
  g_assert_false (pkio_order_is_step_valid (order, PKIO_ORDER_STEP_SHIPPING));
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_CITY, "Delft");
  pkio_order_set_is_rsassa_pss (order, PKIO_TRISTATE_YES);
  pkio_order_set_set_as_default (order, TRUE);
  g_object_thaw_notify (G_OBJECT (order));

  get_check_counts (order, after);
  g_assert_cmpuint (after[PKIO_ORDER_STEP_APPLICANT], ==, before[PKIO_ORDER_STEP_APPLICANT] + 1);
  g_assert_cmpuint (emitted[PKIO_ORDER_STEP_APPLICANT], ==, 1);
  g_assert_cmpuint (pkio_order_get_problems (order, PKIO_ORDER_STEP_APPLICANT)->len, ==, 2);
  /* Asked while frozen, then changed again: checked twice, and said once
   * (what was asked is no longer so). */
  g_assert_cmpuint (after[PKIO_ORDER_STEP_SHIPPING], ==, before[PKIO_ORDER_STEP_SHIPPING] + 2);
  g_assert_cmpuint (emitted[PKIO_ORDER_STEP_SHIPPING], ==, 1);
  g_assert_true (pkio_order_is_step_valid (order, PKIO_ORDER_STEP_SHIPPING));
  for (guint step = PKIO_ORDER_STEP_CERTIFICATE; step < PKIO_ORDER_N_STEPS; step++)
    if (step != PKIO_ORDER_STEP_SHIPPING)
      g_assert_cmpuint (after[step], ==, before[step]);

  pkio_order_set_text (unread, PKIO_ORDER_TEXT_EMAIL, "jan@example.nl");
  pkio_order_set_csa_agreed_to (unread, TRUE);
  get_check_counts (unread, after);
  for (guint step = 0; step < PKIO_ORDER_N_STEPS; step++)
    g_assert_cmpuint (after[step], ==, 0);
  g_assert_true (pkio_order_is_step_valid (unread, PKIO_ORDER_STEP_AGREEMENT));
}

static void
test_us_state (void)
{
  g_autoptr(PkioOrder) order = pkio_test_order_new_valid (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(GPtrArray) problems = NULL;

  /* Where the country has states, the applicant's state is asked. */
  g_object_set (order, "country", "us", "zip", "58061", NULL);
  g_assert_false (pkio_order_validate_step (order, PKIO_ORDER_STEP_APPLICANT, &problems));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((PkioOrderProblem *) problems->pdata[0])->path, ==,
                   "certificate.individual.state");

  g_object_set (order, "state", "Louisiana", NULL);
  g_assert_true (pkio_order_validate_step (order, PKIO_ORDER_STEP_APPLICANT, NULL));
}

static void
test_step_for_path (void)
{
  const struct
  {
    const char *path;
    int         step;   /* -1: none */
  } cases[] = {
    { "certificate.individual.zip", PKIO_ORDER_STEP_APPLICANT },
    { "certificate.individual", PKIO_ORDER_STEP_APPLICANT },
    { "certificate.signature_hash", PKIO_ORDER_STEP_CERTIFICATE },
    { "order_validity.days", PKIO_ORDER_STEP_CERTIFICATE },
    { "provisioning_method", PKIO_ORDER_STEP_SHIPPING },
    { "ship_info.state", PKIO_ORDER_STEP_SHIPPING },
    { "credit_card.cvv", PKIO_ORDER_STEP_PAYMENT },
    { "billing_address.zip", PKIO_ORDER_STEP_PAYMENT },
    { "payment_method", PKIO_ORDER_STEP_PAYMENT },
    { "csa_agreed_to", PKIO_ORDER_STEP_AGREEMENT },
    { "ship_information", -1 },
    { "validity_years", -1 },
    { "", -1 },
    { NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PkioOrderStep step = 99;
      gboolean found = pkio_order_step_for_path (cases[i].path, &step);

      g_assert_cmpint (found, ==, cases[i].step >= 0);
      if (found)
        g_assert_cmpint (step, ==, cases[i].step);
    }

  /* Every field the order validates leads back to the step that checks it. */
  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      PkioOrderStep step;

      g_assert_true (pkio_order_step_for_path (pkio_order_text_get_path (i), &step));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pkio_test_pin_today ();

  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order/text/",
                                           pkio_order_text_get_property_name (i), NULL);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_text_property);
    }
  for (guint i = 0; i < G_N_ELEMENTS (change_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order/validate/change/",
                                           change_cases[i].name, NULL);

      g_test_add_data_func (path, &change_cases[i], test_change);
    }
  for (guint i = 0; i < G_N_ELEMENTS (change_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/order/problems/change/",
                                           change_cases[i].name, NULL);

      g_test_add_data_func (path, &change_cases[i], test_problems_follow_change);
    }
  g_test_add_func ("/pkio/order/problems/typing", test_problems_typing);
  g_test_add_func ("/pkio/order/problems/batch", test_problems_batch);

  g_test_add_func ("/pkio/order/value-properties", test_value_properties);
  g_test_add_func ("/pkio/order/clear-personal-data", test_clear_personal_data);
  g_test_add_func ("/pkio/order/wipe-card-secrets", test_wipe_card_secrets);
  g_test_add_func ("/pkio/order/normalize", test_normalize);
  g_test_add_data_func ("/pkio/order/validate/valid-balance",
                        GINT_TO_POINTER (PKIO_PAYMENT_METHOD_BALANCE), test_valid);
  g_test_add_data_func ("/pkio/order/validate/valid-card",
                        GINT_TO_POINTER (PKIO_PAYMENT_METHOD_CARD), test_valid);
  g_test_add_func ("/pkio/order/validate/empty", test_empty);
  g_test_add_func ("/pkio/order/validate/us-state", test_us_state);
  g_test_add_func ("/pkio/order/step-for-path", test_step_for_path);

  return g_test_run ();
}
