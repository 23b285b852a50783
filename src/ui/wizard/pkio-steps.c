/* pkio-steps.c
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

#include "pkio-agreement-page.h"
#include "pkio-applicant-page.h"
#include "pkio-certificate-page.h"
#include "pkio-payment-page.h"
#include "pkio-result-page.h"
#include "pkio-review-page.h"
#include "pkio-shipping-page.h"
#include "pkio-steps.h"
#include "pkio-welcome-page.h"

/* The wizard's steps in the order they are shown. The titles keep the
 * msgids the pages had, so the translations still apply. */
static const PkioStep steps[] = {
  { "welcome", N_("Welcome"), -1, pkio_welcome_page_get_type },
  { "applicant", N_("Applicant"), PKIO_ORDER_STEP_APPLICANT, pkio_applicant_page_get_type },
  { "certificate", N_("Certificate"), PKIO_ORDER_STEP_CERTIFICATE, pkio_certificate_page_get_type },
  { "shipping", N_("Token Shipping"), PKIO_ORDER_STEP_SHIPPING, pkio_shipping_page_get_type },
  { "payment", N_("Payment"), PKIO_ORDER_STEP_PAYMENT, pkio_payment_page_get_type },
  { "agreement", N_("Agreement"), PKIO_ORDER_STEP_AGREEMENT, pkio_agreement_page_get_type },
  { "review", N_("Review"), -1, pkio_review_page_get_type },
  { "result", N_("Order Placed"), -1, pkio_result_page_get_type },
};

guint
pkio_steps_get_n (void)
{
  return G_N_ELEMENTS (steps);
}

/**
 * pkio_steps_get:
 * @index: a step's place in the wizard, from 0
 *
 * Returns: (transfer none): the step at @index
 */
const PkioStep *
pkio_steps_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (steps), NULL);

  return &steps[index];
}

/**
 * pkio_steps_lookup:
 * @id: (nullable): a step id, as drafts record it
 *
 * Returns: (transfer none) (nullable): the step, or %NULL for an id this
 *   version does not know
 */
const PkioStep *
pkio_steps_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (steps); i++)
    {
      if (g_str_equal (steps[i].id, id))
        return &steps[i];
    }

  return NULL;
}

/**
 * pkio_steps_lookup_type:
 * @type: a page type
 *
 * Returns: (transfer none) (nullable): the step that page type shows
 */
const PkioStep *
pkio_steps_lookup_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (steps[i].get_type () == type)
        return &steps[i];
    }

  return NULL;
}

/**
 * pkio_steps_lookup_order_step:
 * @order_step: a part of the order
 *
 * Returns: (transfer none): the step where that part is entered
 */
const PkioStep *
pkio_steps_lookup_order_step (PkioOrderStep order_step)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (steps[i].order_step == (int) order_step)
        return &steps[i];
    }

  g_return_val_if_reached (NULL);
}

/**
 * pkio_step_new_page:
 * @step: a row of the table
 * @order: the order the page edits
 * @account: (nullable): the account, for a page that shows it
 *
 * Returns: (transfer full): a new page for @step
 */
PkioPage *
pkio_step_new_page (const PkioStep *step,
                    PkioOrder      *order,
                    PkioAccount    *account)
{
  GType type;
  GObjectClass *klass;
  gboolean has_account;

  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  type = step->get_type ();
  klass = g_type_class_ref (type);
  has_account = g_object_class_find_property (klass, "account") != NULL;
  g_type_class_unref (klass);

  if (has_account)
    return g_object_new (type, "order", order, "account", account, NULL);

  return g_object_new (type, "order", order, NULL);
}
