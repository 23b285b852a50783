/* pkio-order.c
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
#include <string.h>

#include "pkio-core-enums.h"
#include "pkio-country.h"
#include "pkio-order.h"
#include "pkio-order-problem.h"
#include "pkio-validate.h"
#include "pkio-wipe.h"

/* The order as the user builds it, one property per field of the
 * CertCentral request. It holds values as typed: the validators say what is
 * wrong and pkio-order-json.c writes the request. */

/* Free-text limit where the contract gives none: generous for addresses,
 * and still far below anything a form should hold. */
#define TEXT_MAX 128

typedef struct
{
  const char *property;
  const char *path;
} TextField;

static const TextField text_fields[PKIO_ORDER_N_TEXT] = {
  [PKIO_ORDER_TEXT_FIRST_NAME] = { "first-name", "certificate.individual.first_name" },
  [PKIO_ORDER_TEXT_LAST_NAME] = { "last-name", "certificate.individual.last_name" },
  [PKIO_ORDER_TEXT_EMAIL] = { "email", "certificate.individual.email" },
  [PKIO_ORDER_TEXT_TELEPHONE] = { "telephone", "certificate.individual.telephone" },
  [PKIO_ORDER_TEXT_COUNTRY] = { "country", "certificate.individual.country" },
  [PKIO_ORDER_TEXT_STATE] = { "state", "certificate.individual.state" },
  [PKIO_ORDER_TEXT_CITY] = { "city", "certificate.individual.city" },
  [PKIO_ORDER_TEXT_ZIP] = { "zip", "certificate.individual.zip" },
  [PKIO_ORDER_TEXT_PROVISIONING_METHOD] = { "provisioning-method", "provisioning_method" },
  [PKIO_ORDER_TEXT_SHIP_NAME] = { "ship-name", "ship_info.name" },
  [PKIO_ORDER_TEXT_SHIP_ADDR1] = { "ship-addr1", "ship_info.addr1" },
  [PKIO_ORDER_TEXT_SHIP_ADDR2] = { "ship-addr2", "ship_info.addr2" },
  [PKIO_ORDER_TEXT_SHIP_CITY] = { "ship-city", "ship_info.city" },
  [PKIO_ORDER_TEXT_SHIP_STATE] = { "ship-state", "ship_info.state" },
  [PKIO_ORDER_TEXT_SHIP_ZIP] = { "ship-zip", "ship_info.zip" },
  [PKIO_ORDER_TEXT_SHIP_COUNTRY] = { "ship-country", "ship_info.country" },
  [PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE] = { "custom-expiration-date",
                                               "order_validity.custom_expiration_date" },
  [PKIO_ORDER_TEXT_CARD_NUMBER] = { "card-number", "credit_card.number" },
  [PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH] = { "card-expiration-month",
                                              "credit_card.expiration_month" },
  [PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR] = { "card-expiration-year",
                                             "credit_card.expiration_year" },
  [PKIO_ORDER_TEXT_CARD_CVV] = { "card-cvv", "credit_card.cvv" },
  [PKIO_ORDER_TEXT_CARDHOLDER_NAME] = { "cardholder-name", "credit_card.cardholder_name" },
  [PKIO_ORDER_TEXT_BILLING_ADDRESS] = { "billing-address", "billing_address.address" },
  [PKIO_ORDER_TEXT_BILLING_ADDRESS2] = { "billing-address2", "billing_address.address2" },
  [PKIO_ORDER_TEXT_BILLING_CITY] = { "billing-city", "billing_address.city" },
  [PKIO_ORDER_TEXT_BILLING_STATE] = { "billing-state", "billing_address.state" },
  [PKIO_ORDER_TEXT_BILLING_COUNTRY] = { "billing-country", "billing_address.country" },
  [PKIO_ORDER_TEXT_BILLING_ZIP] = { "billing-zip", "billing_address.zip" },
};

struct _PkioOrder
{
  GObject            parent_instance;

  char              *text[PKIO_ORDER_N_TEXT];
  gint64             individual_id;       /* 0: a new individual, described in full */
  PkioTristate       is_rsassa_pss;
  gboolean           csa_agreed_to;
  PkioShipMethod     ship_method;
  PkioValidityKind   validity_kind;
  int                validity_years;
  int                validity_days;
  PkioPaymentMethod  payment_method;
  PkioTristate       save_credit_card;
  gboolean           set_as_default;
  char              *identity;            /* this order's, from draft to outbox to history */

  /* Each step's problems as last checked, so that a change checks again
   * only the step whose field it was, once, and says so only when what is
   * wrong changed. NULL until asked: an order loaded and never shown is
   * never checked. */
  GPtrArray         *problems[PKIO_ORDER_N_STEPS];
  guint              stale;               /* bit per step: changed since checked */
  guint              pending;             /* bit per step: "problems-changed" owed */
  guint              checks[PKIO_ORDER_N_STEPS];
};

/* Text field n is property n + 1; the others follow. */
enum {
  PROP_0,
  PROP_INDIVIDUAL_ID = PKIO_ORDER_N_TEXT + 1,
  PROP_IS_RSASSA_PSS,
  PROP_CSA_AGREED_TO,
  PROP_SHIP_METHOD,
  PROP_VALIDITY_KIND,
  PROP_VALIDITY_YEARS,
  PROP_VALIDITY_DAYS,
  PROP_PAYMENT_METHOD,
  PROP_SAVE_CREDIT_CARD,
  PROP_SET_AS_DEFAULT,
  PROP_IDENTITY,
  N_PROPS
};

enum {
  PROBLEMS_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PkioOrder, pkio_order, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
/* step_for_prop(), worked out once: a draft's load sets every field. */
static gint8 prop_steps[N_PROPS];

static void check_step (PkioOrder     *self,
                        PkioOrderStep  step,
                        GPtrArray     *problems);

/* The step whose fields a property is, or -1 for what no step checks. */
static int
step_for_prop (guint prop_id)
{
  PkioOrderStep step;

  if (prop_id >= 1 && prop_id <= PKIO_ORDER_N_TEXT)
    return pkio_order_step_for_path (text_fields[prop_id - 1].path, &step) ? (int) step : -1;

  switch (prop_id)
    {
    case PROP_INDIVIDUAL_ID:
      return PKIO_ORDER_STEP_APPLICANT;
    case PROP_VALIDITY_KIND:
    case PROP_VALIDITY_YEARS:
    case PROP_VALIDITY_DAYS:
      return PKIO_ORDER_STEP_CERTIFICATE;
    case PROP_SHIP_METHOD:
      return PKIO_ORDER_STEP_SHIPPING;
    case PROP_PAYMENT_METHOD:
      return PKIO_ORDER_STEP_PAYMENT;
    case PROP_CSA_AGREED_TO:
      return PKIO_ORDER_STEP_AGREEMENT;
    default:
      return -1;
    }
}

/* Every setter ends here: the step is marked at once, so that a getter
 * called while notifications are frozen does not answer from before. */
static void
changed (PkioOrder *self,
         guint      prop_id)
{
  int step = prop_steps[prop_id];

  if (step >= 0)
    self->stale |= 1u << step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static gboolean
problems_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const PkioOrderProblem *x = g_ptr_array_index (a, i);
      const PkioOrderProblem *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->path, y->path) != 0 ||
          !g_error_matches (x->error, y->error->domain, y->error->code) ||
          g_strcmp0 (x->error->message, y->error->message) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
refresh_step (PkioOrder     *self,
              PkioOrderStep  step)
{
  g_autoptr(GPtrArray) found = pkio_order_problem_list_new ();

  self->stale &= ~(1u << step);
  check_step (self, step, found);

  if (self->problems[step] != NULL && problems_equal (self->problems[step], found))
    return;

  if (self->problems[step] != NULL)
    self->pending |= 1u << step;
  g_clear_pointer (&self->problems[step], g_ptr_array_unref);
  self->problems[step] = g_steal_pointer (&found);
}

/* After the property notifications of a change (one, or all those of a
 * frozen batch), so that a handler of "problems-changed" sees every
 * control already showing the new values. A step nobody asked about yet
 * waits until it is asked. */
static void
pkio_order_dispatch_properties_changed (GObject     *object,
                                        guint        n_pspecs,
                                        GParamSpec **pspecs)
{
  PkioOrder *self = PKIO_ORDER (object);

  G_OBJECT_CLASS (pkio_order_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);

  for (guint step = 0; step < PKIO_ORDER_N_STEPS; step++)
    {
      if ((self->stale & (1u << step)) != 0 && self->problems[step] != NULL)
        refresh_step (self, step);

      if ((self->pending & (1u << step)) != 0)
        {
          self->pending &= ~(1u << step);
          g_signal_emit (self, signals[PROBLEMS_CHANGED], 0, (PkioOrderStep) step);
        }
    }
}

static void
free_text (PkioOrder     *self,
           PkioOrderText  field)
{
  char *value = g_steal_pointer (&self->text[field]);

  /* Not only the card's secrets: "next applicant" promises that nothing of
   * the last person stays in memory, and freed heap is not cleared. */
  pkio_string_wipe_free (value);
}

static void
pkio_order_finalize (GObject *object)
{
  PkioOrder *self = (PkioOrder *)object;

  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    free_text (self, i);
  for (guint i = 0; i < PKIO_ORDER_N_STEPS; i++)
    g_clear_pointer (&self->problems[i], g_ptr_array_unref);
  g_free (self->identity);

  G_OBJECT_CLASS (pkio_order_parent_class)->finalize (object);
}

static void
pkio_order_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PkioOrder *self = PKIO_ORDER (object);

  if (prop_id >= 1 && prop_id <= PKIO_ORDER_N_TEXT)
    {
      g_value_set_string (value, self->text[prop_id - 1]);
      return;
    }

  switch (prop_id)
    {
    case PROP_INDIVIDUAL_ID:
      g_value_set_int64 (value, self->individual_id);
      break;

    case PROP_IS_RSASSA_PSS:
      g_value_set_enum (value, self->is_rsassa_pss);
      break;

    case PROP_CSA_AGREED_TO:
      g_value_set_boolean (value, self->csa_agreed_to);
      break;

    case PROP_SHIP_METHOD:
      g_value_set_enum (value, self->ship_method);
      break;

    case PROP_VALIDITY_KIND:
      g_value_set_enum (value, self->validity_kind);
      break;

    case PROP_VALIDITY_YEARS:
      g_value_set_int (value, self->validity_years);
      break;

    case PROP_VALIDITY_DAYS:
      g_value_set_int (value, self->validity_days);
      break;

    case PROP_PAYMENT_METHOD:
      g_value_set_enum (value, self->payment_method);
      break;

    case PROP_SAVE_CREDIT_CARD:
      g_value_set_enum (value, self->save_credit_card);
      break;

    case PROP_SET_AS_DEFAULT:
      g_value_set_boolean (value, self->set_as_default);
      break;

    case PROP_IDENTITY:
      g_value_set_string (value, self->identity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_order_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PkioOrder *self = PKIO_ORDER (object);

  if (prop_id >= 1 && prop_id <= PKIO_ORDER_N_TEXT)
    {
      pkio_order_set_text (self, prop_id - 1, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_INDIVIDUAL_ID:
      pkio_order_set_individual_id (self, g_value_get_int64 (value));
      break;

    case PROP_IS_RSASSA_PSS:
      pkio_order_set_is_rsassa_pss (self, g_value_get_enum (value));
      break;

    case PROP_CSA_AGREED_TO:
      pkio_order_set_csa_agreed_to (self, g_value_get_boolean (value));
      break;

    case PROP_SHIP_METHOD:
      pkio_order_set_ship_method (self, g_value_get_enum (value));
      break;

    case PROP_VALIDITY_KIND:
      pkio_order_set_validity_kind (self, g_value_get_enum (value));
      break;

    case PROP_VALIDITY_YEARS:
      pkio_order_set_validity_years (self, g_value_get_int (value));
      break;

    case PROP_VALIDITY_DAYS:
      pkio_order_set_validity_days (self, g_value_get_int (value));
      break;

    case PROP_PAYMENT_METHOD:
      pkio_order_set_payment_method (self, g_value_get_enum (value));
      break;

    case PROP_SAVE_CREDIT_CARD:
      pkio_order_set_save_credit_card (self, g_value_get_enum (value));
      break;

    case PROP_SET_AS_DEFAULT:
      pkio_order_set_set_as_default (self, g_value_get_boolean (value));
      break;

    case PROP_IDENTITY:
      pkio_order_set_identity (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_order_class_init (PkioOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = pkio_order_finalize;
  object_class->get_property = pkio_order_get_property;
  object_class->set_property = pkio_order_set_property;
  object_class->dispatch_properties_changed = pkio_order_dispatch_properties_changed;

  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    properties[i + 1] = g_param_spec_string (text_fields[i].property, NULL, NULL, NULL, flags);

  properties[PROP_INDIVIDUAL_ID] =
    g_param_spec_int64 ("individual-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        flags);

  properties[PROP_IS_RSASSA_PSS] =
    g_param_spec_enum ("is-rsassa-pss", NULL, NULL,
                       PKIO_TYPE_TRISTATE, PKIO_TRISTATE_UNSET,
                       flags);

  properties[PROP_CSA_AGREED_TO] =
    g_param_spec_boolean ("csa-agreed-to", NULL, NULL,
                          FALSE,
                          flags);

  properties[PROP_SHIP_METHOD] =
    g_param_spec_enum ("ship-method", NULL, NULL,
                       PKIO_TYPE_SHIP_METHOD, PKIO_SHIP_METHOD_NONE,
                       flags);

  properties[PROP_VALIDITY_KIND] =
    g_param_spec_enum ("validity-kind", NULL, NULL,
                       PKIO_TYPE_VALIDITY_KIND, PKIO_VALIDITY_KIND_NONE,
                       flags);

  /* Not clamped here: a draft or an order file may hold any number, and
   * the validator is what tells the user it is out of range. */
  properties[PROP_VALIDITY_YEARS] =
    g_param_spec_int ("validity-years", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      flags);

  properties[PROP_VALIDITY_DAYS] =
    g_param_spec_int ("validity-days", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      flags);

  properties[PROP_PAYMENT_METHOD] =
    g_param_spec_enum ("payment-method", NULL, NULL,
                       PKIO_TYPE_PAYMENT_METHOD, PKIO_PAYMENT_METHOD_NONE,
                       flags);

  properties[PROP_SAVE_CREDIT_CARD] =
    g_param_spec_enum ("save-credit-card", NULL, NULL,
                       PKIO_TYPE_TRISTATE, PKIO_TRISTATE_UNSET,
                       flags);

  properties[PROP_SET_AS_DEFAULT] =
    g_param_spec_boolean ("set-as-default", NULL, NULL,
                          FALSE,
                          flags);

  /**
   * PkioOrder:identity:
   *
   * The order's identity, minted when it is started: its draft, its
   * outbox entry and its history entry carry it, so the same order is
   * never queued or placed twice. Not part of the request.
   */
  properties[PROP_IDENTITY] =
    g_param_spec_string ("identity", NULL, NULL,
                         NULL,
                         flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  for (guint i = 0; i < N_PROPS; i++)
    prop_steps[i] = step_for_prop (i);

  /**
   * PkioOrder::problems-changed:
   * @step: the step whose problems changed
   *
   * What pkio_order_get_problems() returns for @step changed: a field of
   * the step changed, and with it whether the step is valid or what is
   * wrong with it. Emitted once per change (after its property
   * notifications), and only for a step asked about before.
   */
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PKIO_TYPE_ORDER_STEP);
}

static void
pkio_order_init (PkioOrder *self)
{
  self->identity = g_uuid_string_random ();
  self->stale = (1u << PKIO_ORDER_N_STEPS) - 1;
}

/**
 * pkio_order_text_get_path:
 * @field: a text field
 *
 * Returns: the field's JSON path in the request, "ship_info.zip"
 */
const char *
pkio_order_text_get_path (PkioOrderText field)
{
  g_return_val_if_fail (field < PKIO_ORDER_N_TEXT, NULL);

  return text_fields[field].path;
}

const char *
pkio_order_text_get_property_name (PkioOrderText field)
{
  g_return_val_if_fail (field < PKIO_ORDER_N_TEXT, NULL);

  return text_fields[field].property;
}

/* Longest prefix first where one contains another. */
static const struct
{
  const char    *prefix;
  PkioOrderStep  step;
} step_prefixes[] = {
  { "certificate.individual", PKIO_ORDER_STEP_APPLICANT },
  { "certificate", PKIO_ORDER_STEP_CERTIFICATE },
  { "order_validity", PKIO_ORDER_STEP_CERTIFICATE },
  { "provisioning_method", PKIO_ORDER_STEP_SHIPPING },
  { "ship_info", PKIO_ORDER_STEP_SHIPPING },
  { "payment_method", PKIO_ORDER_STEP_PAYMENT },
  { "credit_card", PKIO_ORDER_STEP_PAYMENT },
  { "billing_address", PKIO_ORDER_STEP_PAYMENT },
  { "csa_agreed_to", PKIO_ORDER_STEP_AGREEMENT },
};

/**
 * pkio_order_step_for_path:
 * @path: a JSON path, from a #PkioOrderProblem or a CertCentral error code
 *   such as "required_param:ship_info.zip"
 * @step: (out): the wizard step where that field is entered
 *
 * Lets a server error that names a field bring the user back to it.
 *
 * Returns: whether @path belongs to a step
 */
gboolean
pkio_order_step_for_path (const char    *path,
                          PkioOrderStep *step)
{
  g_return_val_if_fail (step != NULL, FALSE);

  if (path == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (step_prefixes); i++)
    {
      gsize length = strlen (step_prefixes[i].prefix);

      if (strncmp (path, step_prefixes[i].prefix, length) == 0 &&
          (path[length] == '\0' || path[length] == '.'))
        {
          *step = step_prefixes[i].step;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * pkio_order_new:
 *
 * Every field starts unset; the wizard fills the desk's defaults.
 *
 * Returns: (transfer full): a new, empty #PkioOrder
 */
PkioOrder *
pkio_order_new (void)
{
  return g_object_new (PKIO_TYPE_ORDER, NULL);
}

/**
 * pkio_order_get_text:
 *
 * Returns: (nullable): the field's value; %NULL when unset or empty
 */
const char *
pkio_order_get_text (PkioOrder     *self,
                     PkioOrderText  field)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), NULL);
  g_return_val_if_fail (field < PKIO_ORDER_N_TEXT, NULL);

  return self->text[field];
}

/**
 * pkio_order_set_text:
 * @value: (nullable): the new value; "" is the same as %NULL
 *
 * An empty entry and an unset field are one state, so that the JSON never
 * carries empty values the user did not mean to send.
 */
void
pkio_order_set_text (PkioOrder     *self,
                     PkioOrderText  field,
                     const char    *value)
{
  g_return_if_fail (PKIO_IS_ORDER (self));
  g_return_if_fail (field < PKIO_ORDER_N_TEXT);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (self->text[field], value) == 0)
    return;

  free_text (self, field);
  self->text[field] = g_strdup (value);
  changed (self, field + 1);
}

#define DEFINE_ACCESSORS(type, name, PROP) \
  type \
  pkio_order_get_##name (PkioOrder *self) \
  { \
    g_return_val_if_fail (PKIO_IS_ORDER (self), 0); \
    return self->name; \
  } \
  \
  void \
  pkio_order_set_##name (PkioOrder *self, \
                         type       value) \
  { \
    g_return_if_fail (PKIO_IS_ORDER (self)); \
    if (self->name == value) \
      return; \
    self->name = value; \
    changed (self, PROP); \
  }

DEFINE_ACCESSORS (PkioTristate, is_rsassa_pss, PROP_IS_RSASSA_PSS)
DEFINE_ACCESSORS (PkioShipMethod, ship_method, PROP_SHIP_METHOD)
DEFINE_ACCESSORS (PkioValidityKind, validity_kind, PROP_VALIDITY_KIND)
DEFINE_ACCESSORS (int, validity_years, PROP_VALIDITY_YEARS)
DEFINE_ACCESSORS (int, validity_days, PROP_VALIDITY_DAYS)
DEFINE_ACCESSORS (PkioPaymentMethod, payment_method, PROP_PAYMENT_METHOD)
DEFINE_ACCESSORS (PkioTristate, save_credit_card, PROP_SAVE_CREDIT_CARD)

#undef DEFINE_ACCESSORS

gint64
pkio_order_get_individual_id (PkioOrder *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), 0);

  return self->individual_id;
}

/**
 * pkio_order_set_individual_id:
 * @id: an individual already stored in CertCentral, or 0 to describe a new one
 */
void
pkio_order_set_individual_id (PkioOrder *self,
                              gint64     id)
{
  g_return_if_fail (PKIO_IS_ORDER (self));
  g_return_if_fail (id >= 0);

  if (self->individual_id == id)
    return;

  self->individual_id = id;
  changed (self, PROP_INDIVIDUAL_ID);
}

gboolean
pkio_order_get_csa_agreed_to (PkioOrder *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  return self->csa_agreed_to;
}

void
pkio_order_set_csa_agreed_to (PkioOrder *self,
                              gboolean   agreed)
{
  g_return_if_fail (PKIO_IS_ORDER (self));

  agreed = !!agreed;
  if (self->csa_agreed_to == agreed)
    return;

  self->csa_agreed_to = agreed;
  changed (self, PROP_CSA_AGREED_TO);
}

gboolean
pkio_order_get_set_as_default (PkioOrder *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  return self->set_as_default;
}

void
pkio_order_set_set_as_default (PkioOrder *self,
                               gboolean   value)
{
  g_return_if_fail (PKIO_IS_ORDER (self));

  value = !!value;
  if (self->set_as_default == value)
    return;

  self->set_as_default = value;
  changed (self, PROP_SET_AS_DEFAULT);
}

/* A state typed as a name, in any case, or as the start of only one name,
 * becomes the value its object documents: ship_info's code after the dash
 * ("la"), the individual's and the billing address's English name
 * ("Louisiana"). Several candidates are left for the user to choose. */
static void
normalize_state (PkioOrder     *self,
                 PkioOrderText  country_field,
                 PkioOrderText  state_field,
                 gboolean       as_code)
{
  g_autoptr(GPtrArray) matches = pkio_country_match_subdivisions (self->text[country_field],
                                                                    self->text[state_field]);
  g_autofree char *value = NULL;

  if (matches->len != 1)
    return;

  value = pkio_subdivision_dup_value (g_ptr_array_index (matches, 0), as_code);
  pkio_order_set_text (self, state_field, value);
}

static void
normalize_address (PkioOrder     *self,
                   PkioOrderText  country_field,
                   PkioOrderText  zip_field)
{
  const char *country = self->text[country_field];
  g_autofree char *zip = NULL;

  if (pkio_country_is_known (country))
    {
      g_autofree char *lower = g_ascii_strdown (country, -1);

      pkio_order_set_text (self, country_field, lower);
      country = self->text[country_field];
    }

  if (pkio_validate_postcode (country, self->text[zip_field], &zip, NULL))
    pkio_order_set_text (self, zip_field, zip);
}

/**
 * pkio_order_normalize:
 *
 * Rewrites the values that are valid into the form they are sent in:
 * telephone as E.164 ("+31612345678"), postal codes as the post writes them
 * ("1234 AB"), country codes in lower case as the API's examples, the
 * custom expiration date's month in capitals. Invalid values are left as
 * typed, for the user to correct. The wizard calls it when a field loses
 * focus; the JSON writer never changes what it is given.
 */
void
pkio_order_normalize (PkioOrder *self)
{
  g_autofree char *telephone = NULL;
  const char *date;

  g_return_if_fail (PKIO_IS_ORDER (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (pkio_validate_telephone (self->text[PKIO_ORDER_TEXT_TELEPHONE], &telephone, NULL))
    pkio_order_set_text (self, PKIO_ORDER_TEXT_TELEPHONE, telephone);

  normalize_address (self, PKIO_ORDER_TEXT_COUNTRY, PKIO_ORDER_TEXT_ZIP);
  normalize_address (self, PKIO_ORDER_TEXT_SHIP_COUNTRY, PKIO_ORDER_TEXT_SHIP_ZIP);
  normalize_address (self, PKIO_ORDER_TEXT_BILLING_COUNTRY, PKIO_ORDER_TEXT_BILLING_ZIP);
  normalize_state (self, PKIO_ORDER_TEXT_COUNTRY, PKIO_ORDER_TEXT_STATE, FALSE);
  normalize_state (self, PKIO_ORDER_TEXT_SHIP_COUNTRY, PKIO_ORDER_TEXT_SHIP_STATE, TRUE);
  normalize_state (self, PKIO_ORDER_TEXT_BILLING_COUNTRY, PKIO_ORDER_TEXT_BILLING_STATE, FALSE);

  date = self->text[PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE];
  if (pkio_validate_custom_expiration_date (date, NULL, NULL))
    {
      g_autofree char *upper = g_ascii_strup (date, -1);

      pkio_order_set_text (self, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE, upper);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * pkio_order_wipe_card_secrets:
 *
 * Overwrites the card number and the CVV and forgets them: call it once
 * the order is sent or abandoned. They are never written anywhere.
 */
void
pkio_order_wipe_card_secrets (PkioOrder *self)
{
  g_return_if_fail (PKIO_IS_ORDER (self));

  pkio_order_set_text (self, PKIO_ORDER_TEXT_CARD_NUMBER, NULL);
  pkio_order_set_text (self, PKIO_ORDER_TEXT_CARD_CVV, NULL);
}

/**
 * pkio_order_get_identity:
 *
 * Returns: the order's identity (a UUID)
 */
const char *
pkio_order_get_identity (PkioOrder *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), NULL);

  return self->identity;
}

/**
 * pkio_order_set_identity:
 * @identity: (nullable): an identity read back with the order; %NULL
 *   mints a new one
 */
void
pkio_order_set_identity (PkioOrder  *self,
                         const char *identity)
{
  g_return_if_fail (PKIO_IS_ORDER (self));

  if (identity != NULL && g_strcmp0 (identity, self->identity) == 0)
    return;

  g_free (self->identity);
  self->identity = identity != NULL ? g_strdup (identity) : g_uuid_string_random ();
  changed (self, PROP_IDENTITY);
}

/**
 * pkio_order_names_applicant:
 *
 * An empty form, or one holding only the desk's defaults, is not worth a
 * draft; an order that names whom it is for is.
 *
 * Returns: whether the order names its applicant: a CertCentral
 *   individual, a first or last name, or an email
 */
gboolean
pkio_order_names_applicant (PkioOrder *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  return pkio_order_get_individual_id (self) > 0 ||
         pkio_order_get_text (self, PKIO_ORDER_TEXT_FIRST_NAME) != NULL ||
         pkio_order_get_text (self, PKIO_ORDER_TEXT_LAST_NAME) != NULL ||
         pkio_order_get_text (self, PKIO_ORDER_TEXT_EMAIL) != NULL;
}

/**
 * pkio_order_clear_personal_data:
 *
 * For "next applicant" at a desk: forgets everything about the person, the
 * address and the card, and the agreement (each applicant agrees for
 * themselves); what follows is a new order, with an identity of its own.
 * The desk's choices stay: provisioning, shipping method, validity,
 * payment method and signature scheme.
 */
void
pkio_order_clear_personal_data (PkioOrder *self)
{
  g_return_if_fail (PKIO_IS_ORDER (self));

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      if (i == PKIO_ORDER_TEXT_PROVISIONING_METHOD ||
          i == PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE)
        continue;
      pkio_order_set_text (self, i, NULL);
    }
  pkio_order_set_individual_id (self, 0);
  pkio_order_set_csa_agreed_to (self, FALSE);
  pkio_order_set_save_credit_card (self, PKIO_TRISTATE_UNSET);
  pkio_order_set_set_as_default (self, FALSE);
  /* The next applicant's order is another order. */
  pkio_order_set_identity (self, NULL);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Validation */

static void
check (GPtrArray     *problems,
       PkioOrderText  field,
       gboolean       ok,
       GError        *error)
{
  g_autoptr(GError) owned = error;

  if (ok)
    return;

  g_assert (owned != NULL);
  g_ptr_array_add (problems, pkio_order_problem_new (text_fields[field].path, owned));
}

#define TEXT(field) (self->text[field])

static void
check_text (GPtrArray     *problems,
            PkioOrderText  field,
            const char    *label,
            const char    *value,
            guint          max_chars)
{
  GError *error = NULL;
  gboolean ok = pkio_validate_required (label, value, max_chars, &error);

  check (problems, field, ok, error);
}

static void
check_optional_text (GPtrArray     *problems,
                     PkioOrderText  field,
                     const char    *label,
                     const char    *value)
{
  if (value != NULL)
    check_text (problems, field, label, value, TEXT_MAX);
}

static void
check_applicant (PkioOrder *self,
                 GPtrArray *problems)
{
  const char *country = TEXT (PKIO_ORDER_TEXT_COUNTRY);
  GError *error = NULL;
  gboolean ok;

  /* An individual already in CertCentral is named by id alone; the writer
   * leaves the other fields out. */
  if (self->individual_id > 0)
    return;

  ok = pkio_validate_first_name (TEXT (PKIO_ORDER_TEXT_FIRST_NAME), &error);
  check (problems, PKIO_ORDER_TEXT_FIRST_NAME, ok, g_steal_pointer (&error));
  ok = pkio_validate_last_name (TEXT (PKIO_ORDER_TEXT_LAST_NAME), &error);
  check (problems, PKIO_ORDER_TEXT_LAST_NAME, ok, g_steal_pointer (&error));
  ok = pkio_validate_email (TEXT (PKIO_ORDER_TEXT_EMAIL), &error);
  check (problems, PKIO_ORDER_TEXT_EMAIL, ok, g_steal_pointer (&error));
  ok = pkio_validate_telephone (TEXT (PKIO_ORDER_TEXT_TELEPHONE), NULL, &error);
  check (problems, PKIO_ORDER_TEXT_TELEPHONE, ok, g_steal_pointer (&error));
  ok = pkio_validate_country (country, &error);
  check (problems, PKIO_ORDER_TEXT_COUNTRY, ok, g_steal_pointer (&error));
  /* Where the state is not asked (the row is hidden), what a country
   * chosen before left in it is no problem to show. */
  ok = pkio_validate_state (country, TEXT (PKIO_ORDER_TEXT_STATE), &error) &&
       (!pkio_country_uses_states (country) ||
        pkio_validate_subdivision (country, _("State or province"), TEXT (PKIO_ORDER_TEXT_STATE),
                                   &error));
  check (problems, PKIO_ORDER_TEXT_STATE, ok, g_steal_pointer (&error));
  check_text (problems, PKIO_ORDER_TEXT_CITY, _("City"), TEXT (PKIO_ORDER_TEXT_CITY), TEXT_MAX);
  ok = pkio_validate_postcode (country, TEXT (PKIO_ORDER_TEXT_ZIP), NULL, &error);
  check (problems, PKIO_ORDER_TEXT_ZIP, ok, g_steal_pointer (&error));
}

static void
check_certificate (PkioOrder *self,
                   GPtrArray *problems)
{
  GError *error = NULL;
  gboolean ok;

  /* order_validity is optional: without it the order's own validity holds. */
  switch (self->validity_kind)
    {
    case PKIO_VALIDITY_KIND_NONE:
      break;

    case PKIO_VALIDITY_KIND_YEARS:
      if (!pkio_validate_validity_years (self->validity_years, &error))
        {
          g_ptr_array_add (problems, pkio_order_problem_new ("order_validity.years", error));
          g_clear_error (&error);
        }
      break;

    case PKIO_VALIDITY_KIND_DAYS:
      if (!pkio_validate_validity_days (self->validity_days, &error))
        {
          g_ptr_array_add (problems, pkio_order_problem_new ("order_validity.days", error));
          g_clear_error (&error);
        }
      break;

    case PKIO_VALIDITY_KIND_CUSTOM_DATE:
      ok = pkio_validate_custom_expiration_date (TEXT (PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE),
                                                 NULL, &error);
      check (problems, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE, ok, g_steal_pointer (&error));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
check_shipping (PkioOrder *self,
                GPtrArray *problems)
{
  const char *country = TEXT (PKIO_ORDER_TEXT_SHIP_COUNTRY);
  GError *error = NULL;
  gboolean ok;

  if (g_strcmp0 (TEXT (PKIO_ORDER_TEXT_PROVISIONING_METHOD), PKIO_ORDER_PROVISIONING_QSCD) != 0)
    {
      error = g_error_new_literal (PKIO_VALIDATE_ERROR,
                                   TEXT (PKIO_ORDER_TEXT_PROVISIONING_METHOD)
                                     ? PKIO_VALIDATE_ERROR_NOT_ALLOWED
                                     : PKIO_VALIDATE_ERROR_EMPTY,
                                   _("Provisioning method: only “qscd”, a hardware "
                                     "token sent by post, is available"));
      check (problems, PKIO_ORDER_TEXT_PROVISIONING_METHOD, FALSE, g_steal_pointer (&error));
    }

  /* A QSCD is shipped, so ship_info is required. Its state and addr2 are
   * required by the contract too: the state is asked everywhere (a province
   * or region where the country has no states), addr2 may stay empty. */
  check_text (problems, PKIO_ORDER_TEXT_SHIP_NAME, _("Recipient"),
              TEXT (PKIO_ORDER_TEXT_SHIP_NAME), TEXT_MAX);
  check_text (problems, PKIO_ORDER_TEXT_SHIP_ADDR1, _("Address"),
              TEXT (PKIO_ORDER_TEXT_SHIP_ADDR1), TEXT_MAX);
  check_optional_text (problems, PKIO_ORDER_TEXT_SHIP_ADDR2, _("Address, second line"),
                       TEXT (PKIO_ORDER_TEXT_SHIP_ADDR2));
  check_text (problems, PKIO_ORDER_TEXT_SHIP_CITY, _("City"),
              TEXT (PKIO_ORDER_TEXT_SHIP_CITY), TEXT_MAX);
  ok = pkio_validate_required (_("State or province"), TEXT (PKIO_ORDER_TEXT_SHIP_STATE),
                               TEXT_MAX, &error) &&
       pkio_validate_subdivision (country, _("State or province"),
                                  TEXT (PKIO_ORDER_TEXT_SHIP_STATE), &error);
  check (problems, PKIO_ORDER_TEXT_SHIP_STATE, ok, g_steal_pointer (&error));
  ok = pkio_validate_postcode (country, TEXT (PKIO_ORDER_TEXT_SHIP_ZIP), NULL, &error);
  check (problems, PKIO_ORDER_TEXT_SHIP_ZIP, ok, g_steal_pointer (&error));
  ok = pkio_validate_country (country, &error);
  check (problems, PKIO_ORDER_TEXT_SHIP_COUNTRY, ok, g_steal_pointer (&error));

  if (self->ship_method == PKIO_SHIP_METHOD_NONE)
    {
      error = g_error_new_literal (PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_EMPTY,
                                   _("Shipping method: choose standard or expedited"));
      g_ptr_array_add (problems, pkio_order_problem_new ("ship_info.method", error));
      g_clear_error (&error);
    }
}

static void
check_card (PkioOrder *self,
            GPtrArray *problems)
{
  const char *number = TEXT (PKIO_ORDER_TEXT_CARD_NUMBER);
  const char *month = TEXT (PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH);
  const char *year = TEXT (PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR);
  const char *country = TEXT (PKIO_ORDER_TEXT_BILLING_COUNTRY);
  GError *error = NULL;
  gboolean ok;

  ok = pkio_validate_card_number (number, &error);
  check (problems, PKIO_ORDER_TEXT_CARD_NUMBER, ok, g_steal_pointer (&error));

  ok = pkio_validate_card_expiration_month (month, &error);
  check (problems, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, ok, g_steal_pointer (&error));
  if (ok)
    {
      ok = pkio_validate_card_expiration_year (year, &error);
      if (ok)
        ok = pkio_validate_card_expiry (month, year, &error);
      check (problems, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, ok, g_steal_pointer (&error));
    }
  else
    {
      ok = pkio_validate_card_expiration_year (year, &error);
      check (problems, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, ok, g_steal_pointer (&error));
    }

  ok = pkio_validate_card_cvv (number, TEXT (PKIO_ORDER_TEXT_CARD_CVV), &error);
  check (problems, PKIO_ORDER_TEXT_CARD_CVV, ok, g_steal_pointer (&error));
  check_text (problems, PKIO_ORDER_TEXT_CARDHOLDER_NAME, _("Cardholder name"),
              TEXT (PKIO_ORDER_TEXT_CARDHOLDER_NAME), TEXT_MAX);

  check_text (problems, PKIO_ORDER_TEXT_BILLING_ADDRESS, _("Billing address"),
              TEXT (PKIO_ORDER_TEXT_BILLING_ADDRESS), TEXT_MAX);
  check_optional_text (problems, PKIO_ORDER_TEXT_BILLING_ADDRESS2,
                       _("Billing address, second line"),
                       TEXT (PKIO_ORDER_TEXT_BILLING_ADDRESS2));
  check_text (problems, PKIO_ORDER_TEXT_BILLING_CITY, _("City"),
              TEXT (PKIO_ORDER_TEXT_BILLING_CITY), TEXT_MAX);
  ok = pkio_validate_country (country, &error);
  check (problems, PKIO_ORDER_TEXT_BILLING_COUNTRY, ok, g_steal_pointer (&error));
  ok = pkio_validate_state (country, TEXT (PKIO_ORDER_TEXT_BILLING_STATE), &error) &&
       (!pkio_country_uses_states (country) ||
        pkio_validate_subdivision (country, _("State or province"),
                                   TEXT (PKIO_ORDER_TEXT_BILLING_STATE), &error));
  check (problems, PKIO_ORDER_TEXT_BILLING_STATE, ok, g_steal_pointer (&error));

  /* "Optional for some countries": required where we know the shape. */
  if (TEXT (PKIO_ORDER_TEXT_BILLING_ZIP) != NULL || pkio_validate_postcode_required (country))
    {
      ok = pkio_validate_postcode (country, TEXT (PKIO_ORDER_TEXT_BILLING_ZIP), NULL, &error);
      check (problems, PKIO_ORDER_TEXT_BILLING_ZIP, ok, g_steal_pointer (&error));
    }
}

static void
check_payment (PkioOrder *self,
               GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;

  switch (self->payment_method)
    {
    case PKIO_PAYMENT_METHOD_NONE:
      error = g_error_new_literal (PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_EMPTY,
                                   _("Payment method: choose the account balance or a card"));
      g_ptr_array_add (problems, pkio_order_problem_new ("payment_method", error));
      break;

    case PKIO_PAYMENT_METHOD_BALANCE:
      break;

    case PKIO_PAYMENT_METHOD_CARD:
      check_card (self, problems);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
check_agreement (PkioOrder *self,
                 GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;

  if (self->csa_agreed_to)
    return;

  error = g_error_new_literal (PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                               _("Subscriber agreement: read it and agree to it to order"));
  g_ptr_array_add (problems, pkio_order_problem_new ("csa_agreed_to", error));
}

static void
check_step (PkioOrder     *self,
            PkioOrderStep  step,
            GPtrArray     *problems)
{
  g_return_if_fail (step < PKIO_ORDER_N_STEPS);

  self->checks[step]++;

  switch (step)
    {
    case PKIO_ORDER_STEP_APPLICANT:
      check_applicant (self, problems);
      break;

    case PKIO_ORDER_STEP_CERTIFICATE:
      check_certificate (self, problems);
      break;

    case PKIO_ORDER_STEP_SHIPPING:
      check_shipping (self, problems);
      break;

    case PKIO_ORDER_STEP_PAYMENT:
      check_payment (self, problems);
      break;

    case PKIO_ORDER_STEP_AGREEMENT:
      check_agreement (self, problems);
      break;

    default:
      g_return_if_reached ();
    }
}

/**
 * pkio_order_get_problems:
 * @step: a wizard step
 *
 * What is wrong with the step's fields now, checked at most once per
 * change: what a form shows under its rows and what enables Next. Watch
 * #PkioOrder::problems-changed for when it changes.
 *
 * Returns: (transfer none) (element-type PkioOrderProblem): the step's
 *   problems, in field order; empty when valid. Valid until the order
 *   changes.
 */
GPtrArray *
pkio_order_get_problems (PkioOrder     *self,
                         PkioOrderStep  step)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), NULL);
  g_return_val_if_fail (step < PKIO_ORDER_N_STEPS, NULL);

  if ((self->stale & (1u << step)) != 0 || self->problems[step] == NULL)
    refresh_step (self, step);

  return self->problems[step];
}

/**
 * pkio_order_is_step_valid:
 * @step: a wizard step
 *
 * Returns: whether pkio_order_get_problems() finds nothing wrong in @step
 */
gboolean
pkio_order_is_step_valid (PkioOrder     *self,
                          PkioOrderStep  step)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  return pkio_order_get_problems (self, step)->len == 0;
}

/**
 * pkio_order_is_valid:
 *
 * The same as pkio_order_validate(), from each step's last check: what
 * keeps Submit on or off as the order changes.
 *
 * Returns: whether every step is valid
 */
gboolean
pkio_order_is_valid (PkioOrder *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  for (guint step = 0; step < PKIO_ORDER_N_STEPS; step++)
    if (!pkio_order_is_step_valid (self, step))
      return FALSE;

  return TRUE;
}

/**
 * pkio_order_get_check_count_for_testing:
 *
 * Returns: how many times the rules of @step ran on this order
 */
guint
pkio_order_get_check_count_for_testing (PkioOrder     *self,
                                        PkioOrderStep  step)
{
  g_return_val_if_fail (PKIO_IS_ORDER (self), 0);
  g_return_val_if_fail (step < PKIO_ORDER_N_STEPS, 0);

  return self->checks[step];
}

/**
 * pkio_order_validate_step:
 * @step: the wizard step whose fields to check
 * @problems: (out) (optional) (transfer full) (element-type PkioOrderProblem):
 *   every problem found, in field order; empty when valid
 *
 * Checks the step now, whatever was checked before: for the command line
 * and the last check before an order goes out. What follows the user's
 * changes uses pkio_order_get_problems().
 *
 * Returns: whether the step's fields are valid
 */
gboolean
pkio_order_validate_step (PkioOrder      *self,
                          PkioOrderStep   step,
                          GPtrArray     **problems)
{
  g_autoptr(GPtrArray) found = pkio_order_problem_list_new ();
  gboolean ok;

  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  check_step (self, step, found);
  ok = found->len == 0;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}

/**
 * pkio_order_validate:
 * @problems: (out) (optional) (transfer full) (element-type PkioOrderProblem):
 *   every problem of every step, in step order; empty when valid
 *
 * Returns: whether the order may be submitted
 */
gboolean
pkio_order_validate (PkioOrder  *self,
                     GPtrArray **problems)
{
  g_autoptr(GPtrArray) found = pkio_order_problem_list_new ();
  gboolean ok;

  g_return_val_if_fail (PKIO_IS_ORDER (self), FALSE);

  for (guint step = 0; step < PKIO_ORDER_N_STEPS; step++)
    check_step (self, step, found);

  ok = found->len == 0;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}
