/* pkio-order.h
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

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Fixed by the contract for PKIo Citizen - Signing: shown, never chosen. */
#define PKIO_ORDER_SIGNATURE_HASH      "sha256"
#define PKIO_ORDER_PROFILE_OPTION      "nonrepudiation"
#define PKIO_ORDER_PROVISIONING_QSCD   "qscd"

/* A yes/no the contract also lets us leave unsaid (omitted or null). */
typedef enum
{
  PKIO_TRISTATE_UNSET,
  PKIO_TRISTATE_NO,
  PKIO_TRISTATE_YES,
} PkioTristate;

typedef enum
{
  PKIO_SHIP_METHOD_NONE,
  PKIO_SHIP_METHOD_STANDARD,
  PKIO_SHIP_METHOD_EXPEDITED,
} PkioShipMethod;

typedef enum
{
  PKIO_PAYMENT_METHOD_NONE,
  PKIO_PAYMENT_METHOD_BALANCE,
  PKIO_PAYMENT_METHOD_CARD,
} PkioPaymentMethod;

typedef enum
{
  PKIO_VALIDITY_KIND_NONE,
  PKIO_VALIDITY_KIND_YEARS,
  PKIO_VALIDITY_KIND_DAYS,
  PKIO_VALIDITY_KIND_CUSTOM_DATE,
} PkioValidityKind;

/* The wizard's steps, each validated on its own to enable Next. */
typedef enum
{
  PKIO_ORDER_STEP_APPLICANT,
  PKIO_ORDER_STEP_CERTIFICATE,
  PKIO_ORDER_STEP_SHIPPING,
  PKIO_ORDER_STEP_PAYMENT,
  PKIO_ORDER_STEP_AGREEMENT,
} PkioOrderStep;

#define PKIO_ORDER_N_STEPS (PKIO_ORDER_STEP_AGREEMENT + 1)

/* The order's free-text fields, each a string property of the same name
 * with a JSON path (pkio_order_text_get_path()). */
typedef enum
{
  PKIO_ORDER_TEXT_FIRST_NAME,
  PKIO_ORDER_TEXT_LAST_NAME,
  PKIO_ORDER_TEXT_EMAIL,
  PKIO_ORDER_TEXT_TELEPHONE,
  PKIO_ORDER_TEXT_COUNTRY,
  PKIO_ORDER_TEXT_STATE,
  PKIO_ORDER_TEXT_CITY,
  PKIO_ORDER_TEXT_ZIP,
  PKIO_ORDER_TEXT_PROVISIONING_METHOD,
  PKIO_ORDER_TEXT_SHIP_NAME,
  PKIO_ORDER_TEXT_SHIP_ADDR1,
  PKIO_ORDER_TEXT_SHIP_ADDR2,
  PKIO_ORDER_TEXT_SHIP_CITY,
  PKIO_ORDER_TEXT_SHIP_STATE,
  PKIO_ORDER_TEXT_SHIP_ZIP,
  PKIO_ORDER_TEXT_SHIP_COUNTRY,
  PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE,
  PKIO_ORDER_TEXT_CARD_NUMBER,
  PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH,
  PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR,
  PKIO_ORDER_TEXT_CARD_CVV,
  PKIO_ORDER_TEXT_CARDHOLDER_NAME,
  PKIO_ORDER_TEXT_BILLING_ADDRESS,
  PKIO_ORDER_TEXT_BILLING_ADDRESS2,
  PKIO_ORDER_TEXT_BILLING_CITY,
  PKIO_ORDER_TEXT_BILLING_STATE,
  PKIO_ORDER_TEXT_BILLING_COUNTRY,
  PKIO_ORDER_TEXT_BILLING_ZIP,
} PkioOrderText;

#define PKIO_ORDER_N_TEXT (PKIO_ORDER_TEXT_BILLING_ZIP + 1)

#define PKIO_TYPE_ORDER (pkio_order_get_type ())

G_DECLARE_FINAL_TYPE (PkioOrder, pkio_order, PKIO, ORDER, GObject)

const char        *pkio_order_text_get_path          (PkioOrderText      field);
const char        *pkio_order_text_get_property_name (PkioOrderText      field);
gboolean           pkio_order_step_for_path          (const char        *path,
                                                      PkioOrderStep     *step);

PkioOrder         *pkio_order_new                    (void);

const char        *pkio_order_get_text               (PkioOrder         *self,
                                                      PkioOrderText      field);
void               pkio_order_set_text               (PkioOrder         *self,
                                                      PkioOrderText      field,
                                                      const char        *value);
gint64             pkio_order_get_individual_id      (PkioOrder         *self);
void               pkio_order_set_individual_id      (PkioOrder         *self,
                                                      gint64             id);
PkioTristate       pkio_order_get_is_rsassa_pss      (PkioOrder         *self);
void               pkio_order_set_is_rsassa_pss      (PkioOrder         *self,
                                                      PkioTristate       value);
gboolean           pkio_order_get_csa_agreed_to      (PkioOrder         *self);
void               pkio_order_set_csa_agreed_to      (PkioOrder         *self,
                                                      gboolean           agreed);
PkioShipMethod     pkio_order_get_ship_method        (PkioOrder         *self);
void               pkio_order_set_ship_method        (PkioOrder         *self,
                                                      PkioShipMethod     method);
PkioValidityKind   pkio_order_get_validity_kind      (PkioOrder         *self);
void               pkio_order_set_validity_kind      (PkioOrder         *self,
                                                      PkioValidityKind   kind);
int                pkio_order_get_validity_years     (PkioOrder         *self);
void               pkio_order_set_validity_years     (PkioOrder         *self,
                                                      int                years);
int                pkio_order_get_validity_days      (PkioOrder         *self);
void               pkio_order_set_validity_days      (PkioOrder         *self,
                                                      int                days);
PkioPaymentMethod  pkio_order_get_payment_method     (PkioOrder         *self);
void               pkio_order_set_payment_method     (PkioOrder         *self,
                                                      PkioPaymentMethod  method);
PkioTristate       pkio_order_get_save_credit_card   (PkioOrder         *self);
void               pkio_order_set_save_credit_card   (PkioOrder         *self,
                                                      PkioTristate       value);
gboolean           pkio_order_get_set_as_default     (PkioOrder         *self);
void               pkio_order_set_set_as_default     (PkioOrder         *self,
                                                      gboolean           value);

const char        *pkio_order_get_identity           (PkioOrder         *self);
void               pkio_order_set_identity           (PkioOrder         *self,
                                                      const char        *identity);

void               pkio_order_normalize              (PkioOrder         *self);
gboolean           pkio_order_names_applicant        (PkioOrder         *self);
void               pkio_order_clear_personal_data    (PkioOrder         *self);
void               pkio_order_wipe_card_secrets      (PkioOrder         *self);

GPtrArray         *pkio_order_get_problems           (PkioOrder         *self,
                                                      PkioOrderStep      step);
gboolean           pkio_order_is_step_valid          (PkioOrder         *self,
                                                      PkioOrderStep      step);
gboolean           pkio_order_is_valid               (PkioOrder         *self);
guint              pkio_order_get_check_count_for_testing (PkioOrder    *self,
                                                      PkioOrderStep      step);

gboolean           pkio_order_validate_step          (PkioOrder         *self,
                                                      PkioOrderStep      step,
                                                      GPtrArray        **problems);
gboolean           pkio_order_validate               (PkioOrder         *self,
                                                      GPtrArray        **problems);

G_END_DECLS
