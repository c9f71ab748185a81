/**
 * The limits of the services' request bodies and queries, from their OpenAPI documents (maxLength, minimum,
 * maximum, pattern): run `pnpm gen:api` after changing their schemas. Do not edit by hand.
 */

export const limits = {
  "AccountChange": {
    "name": {
      "minLength": 1,
      "maxLength": 100
    }
  },
  "ApplicationDecision": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "catalog GET /admin/audit query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "targetType": {
      "minLength": 1,
      "maxLength": 40
    },
    "targetId": {
      "minLength": 1,
      "maxLength": 200
    },
    "action": {
      "maxLength": 400,
      "pattern": "[a-z][a-z_]*\\.[a-z][a-z_.]*(,[a-z][a-z_]*\\.[a-z][a-z_.]*){0,9}"
    },
    "actorId": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "catalog GET /admin/dead-letters query": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "limit": {
      "minimum": 1,
      "maximum": 500
    }
  },
  "catalog GET /admin/farms query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "catalog GET /farms query": {
    "region": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "catalog GET /farms/mine query": {
    "farmId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "catalog GET /listings query": {
    "farmId": {
      "minLength": 1,
      "maxLength": 64
    },
    "region": {
      "minLength": 1,
      "maxLength": 60
    },
    "minPrice": {
      "pattern": "\\d{1,9}"
    },
    "maxPrice": {
      "pattern": "\\d{1,9}"
    },
    "currency": {
      "pattern": "[A-Z]{3}"
    },
    "q": {
      "minLength": 1,
      "maxLength": 100
    },
    "limit": {
      "pattern": "\\d{1,3}"
    },
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "catalog PATCH /farms/{farmId}": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "maxLength": 4000
    },
    "address.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "address.line2": {
      "maxLength": 200
    },
    "address.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "address.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "address.country": {
      "pattern": "[A-Z]{2}"
    },
    "address.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "address.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "region": {
      "minLength": 1,
      "maxLength": 60
    },
    "market": {
      "pattern": "[a-z]{2,8}"
    },
    "certifications.*.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "certifications.*.certifier": {
      "minLength": 1,
      "maxLength": 120
    },
    "certifications.*.certificateNumber": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "catalog PATCH /listings/{listingId}": {
    "title": {
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "maxLength": 4000
    },
    "unitPrice.amount": {
      "minimum": 1,
      "maximum": 10000000
    },
    "unitPrice.currency": {
      "pattern": "[A-Z]{3}"
    },
    "photos.*": {
      "maxLength": 500
    },
    "lot.lotCode": {
      "pattern": "[A-Za-z0-9._\\/\\-]{3,64}"
    },
    "lot.field": {
      "minLength": 1,
      "maxLength": 100
    },
    "lot.quantity": {
      "maximum": 1000000
    },
    "coldChain.minC": {
      "minimum": -40,
      "maximum": 40
    },
    "coldChain.maxC": {
      "minimum": -40,
      "maximum": 40
    }
  },
  "catalog POST /admin/dead-letters/replay": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "partition": {
      "minimum": 0
    },
    "offset": {
      "pattern": "\\d+"
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "catalog POST /admin/farms/{farmId}/reinstate": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "catalog POST /admin/farms/{farmId}/suspend": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "catalog POST /farms": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "maxLength": 4000
    },
    "address.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "address.line2": {
      "maxLength": 200
    },
    "address.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "address.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "address.country": {
      "pattern": "[A-Z]{2}"
    },
    "address.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "address.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "region": {
      "minLength": 1,
      "maxLength": 60
    },
    "market": {
      "pattern": "[a-z]{2,8}"
    },
    "certifications.*.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "certifications.*.certifier": {
      "minLength": 1,
      "maxLength": 120
    },
    "certifications.*.certificateNumber": {
      "minLength": 1,
      "maxLength": 60
    },
    "farmId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "catalog POST /farms/{farmId}/listings": {
    "title": {
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "maxLength": 4000
    },
    "unitPrice.amount": {
      "minimum": 1,
      "maximum": 10000000
    },
    "unitPrice.currency": {
      "pattern": "[A-Z]{3}"
    },
    "photos.*": {
      "maxLength": 500
    },
    "lot.lotCode": {
      "pattern": "[A-Za-z0-9._\\/\\-]{3,64}"
    },
    "lot.field": {
      "minLength": 1,
      "maxLength": 100
    },
    "lot.quantity": {
      "maximum": 1000000
    },
    "coldChain.minC": {
      "minimum": -40,
      "maximum": 40
    },
    "coldChain.maxC": {
      "minimum": -40,
      "maximum": 40
    },
    "available": {
      "minimum": 0,
      "maximum": 1000000
    }
  },
  "catalog POST /listings/{listingId}/stock-adjustments": {
    "quantity": {
      "minimum": 1,
      "maximum": 1000000
    },
    "reason": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "EmailChange": {
    "newEmail": {
      "maxLength": 254
    }
  },
  "FarmApplication": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "region": {
      "minLength": 1,
      "maxLength": 60
    },
    "description": {
      "minLength": 1,
      "maxLength": 2000
    },
    "certifications.*.name": {
      "minLength": 1,
      "maxLength": 80
    },
    "certifications.*.documentRef": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "FarmInput": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "maxLength": 4000
    },
    "address.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "address.line2": {
      "maxLength": 200
    },
    "address.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "address.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "address.country": {
      "pattern": "[A-Z]{2}"
    },
    "address.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "address.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "region": {
      "minLength": 1,
      "maxLength": 60
    },
    "market": {
      "pattern": "[a-z]{2,8}"
    },
    "certifications.*.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "certifications.*.certifier": {
      "minLength": 1,
      "maxLength": 120
    },
    "certifications.*.certificateNumber": {
      "minLength": 1,
      "maxLength": 60
    },
    "farmId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "FarmInvite": {
    "email": {
      "maxLength": 254
    }
  },
  "identity GET /admin/applications query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "identity GET /admin/audit query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "targetType": {
      "minLength": 1,
      "maxLength": 40
    },
    "targetId": {
      "minLength": 1,
      "maxLength": 200
    },
    "action": {
      "maxLength": 400,
      "pattern": "[a-z][a-z_]*\\.[a-z][a-z_.]*(,[a-z][a-z_]*\\.[a-z][a-z_.]*){0,9}"
    },
    "actorId": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "identity GET /admin/dead-letters query": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "limit": {
      "minimum": 1,
      "maximum": 500
    }
  },
  "identity GET /api/auth/verify-email query": {
    "token": {
      "minLength": 10,
      "maxLength": 4096
    }
  },
  "identity GET /applications/mine query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "identity POST /admin/applications/{applicationId}/approve": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "identity POST /admin/applications/{applicationId}/reinstate": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "identity POST /admin/applications/{applicationId}/reject": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "identity POST /admin/applications/{applicationId}/suspend": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "identity POST /admin/dead-letters/replay": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "partition": {
      "minimum": 0
    },
    "offset": {
      "pattern": "\\d+"
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "identity POST /api/auth/change-email": {
    "newEmail": {
      "maxLength": 254
    }
  },
  "identity POST /api/auth/change-password": {
    "currentPassword": {
      "minLength": 1,
      "maxLength": 128
    },
    "newPassword": {
      "minLength": 10,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/delete-user": {
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/request-password-reset": {
    "email": {
      "maxLength": 254
    }
  },
  "identity POST /api/auth/reset-password": {
    "token": {
      "minLength": 10,
      "maxLength": 200
    },
    "newPassword": {
      "minLength": 10,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/revoke-session": {
    "id": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "identity POST /api/auth/send-verification-email": {
    "email": {
      "maxLength": 254
    }
  },
  "identity POST /api/auth/sign-in/email": {
    "email": {
      "maxLength": 254
    },
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/sign-up/email": {
    "name": {
      "minLength": 1,
      "maxLength": 100
    },
    "email": {
      "maxLength": 254
    },
    "password": {
      "minLength": 10,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/two-factor/disable": {
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/two-factor/enable": {
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "identity POST /api/auth/two-factor/verify-totp": {
    "code": {
      "pattern": "\\d{6}"
    }
  },
  "identity POST /api/auth/update-user": {
    "name": {
      "minLength": 1,
      "maxLength": 100
    }
  },
  "identity POST /applications/farm": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "region": {
      "minLength": 1,
      "maxLength": 60
    },
    "description": {
      "minLength": 1,
      "maxLength": 2000
    },
    "certifications.*.name": {
      "minLength": 1,
      "maxLength": 80
    },
    "certifications.*.documentRef": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "identity POST /applications/partner": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "regions.*": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "identity POST /farms/{farmId}/invites": {
    "email": {
      "maxLength": 254
    }
  },
  "identity POST /partners/{partnerId}/invites": {
    "email": {
      "maxLength": 254
    },
    "regions.*": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "identity POST /people/{personId}/memberships": {
    "membership.farmId": {
      "minLength": 1,
      "maxLength": 64
    },
    "membership.partnerId": {
      "minLength": 1,
      "maxLength": 64
    },
    "membership.regions.*": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "identity POST /people/{personId}/memberships/revoke": {
    "membership.farmId": {
      "minLength": 1,
      "maxLength": 64
    },
    "membership.partnerId": {
      "minLength": 1,
      "maxLength": 64
    },
    "membership.regions.*": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "ListingInput": {
    "title": {
      "minLength": 1,
      "maxLength": 120
    },
    "description": {
      "maxLength": 4000
    },
    "unitPrice.amount": {
      "minimum": 1,
      "maximum": 10000000
    },
    "unitPrice.currency": {
      "pattern": "[A-Z]{3}"
    },
    "photos.*": {
      "maxLength": 500
    },
    "lot.lotCode": {
      "pattern": "[A-Za-z0-9._\\/\\-]{3,64}"
    },
    "lot.field": {
      "minLength": 1,
      "maxLength": 100
    },
    "lot.quantity": {
      "maximum": 1000000
    },
    "coldChain.minC": {
      "minimum": -40,
      "maximum": 40
    },
    "coldChain.maxC": {
      "minimum": -40,
      "maximum": 40
    },
    "available": {
      "minimum": 0,
      "maximum": 1000000
    }
  },
  "logistics GET /admin/audit query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "targetType": {
      "minLength": 1,
      "maxLength": 40
    },
    "targetId": {
      "minLength": 1,
      "maxLength": 200
    },
    "action": {
      "maxLength": 400,
      "pattern": "[a-z][a-z_]*\\.[a-z][a-z_.]*(,[a-z][a-z_]*\\.[a-z][a-z_.]*){0,9}"
    },
    "actorId": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "logistics GET /admin/dead-letters query": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "limit": {
      "minimum": 1,
      "maximum": 500
    }
  },
  "logistics GET /admin/partners query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "logistics GET /runs query": {
    "region": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "logistics GET /runs/mine query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "logistics GET /shipments/mine query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "logistics GET /shipments/mine/history query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "logistics GET /shipments/open query": {
    "region": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "logistics GET /tracking query": {
    "code": {
      "pattern": "FTT-[0-9A-Z]{12}"
    }
  },
  "logistics POST /admin/dead-letters/replay": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "partition": {
      "minimum": 0
    },
    "offset": {
      "pattern": "\\d+"
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "logistics POST /admin/partners/{partnerId}/reinstate": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "logistics POST /admin/partners/{partnerId}/suspend": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "logistics POST /devices": {
    "label": {
      "minLength": 1,
      "maxLength": 100
    },
    "serial": {
      "minLength": 1,
      "maxLength": 64,
      "pattern": "[\\w.:\\/\\-]+"
    }
  },
  "logistics POST /devices/{deviceId}/attachments": {
    "shipmentId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "logistics POST /runs/{runId}/stops/{seq}/drop": {
    "recipientName": {
      "minLength": 1,
      "maxLength": 200
    },
    "proofRef": {
      "minLength": 1,
      "maxLength": 200
    },
    "photoId": {
      "pattern": "[0-9a-f]{32}"
    }
  },
  "logistics POST /runs/plan": {
    "region": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "logistics POST /shipments/{shipmentId}/checkpoints": {
    "place": {
      "minLength": 1,
      "maxLength": 200
    },
    "temperatureC": {
      "minimum": -60,
      "maximum": 80
    },
    "note": {
      "maxLength": 500
    }
  },
  "logistics POST /shipments/{shipmentId}/deliver": {
    "recipientName": {
      "minLength": 1,
      "maxLength": 200
    },
    "proofRef": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "logistics POST /shipments/{shipmentId}/fail": {
    "reason": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "logistics POST /shipments/{shipmentId}/return": {
    "reason": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "MarketInput": {
    "version": {
      "minimum": 0
    },
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "currency.code": {
      "pattern": "[A-Z]{3}"
    },
    "currency.minorDigits": {
      "minimum": 0,
      "maximum": 4
    },
    "languages.*": {
      "minLength": 2,
      "maxLength": 35
    },
    "timeZone": {
      "minLength": 1,
      "maxLength": 64
    },
    "country": {
      "pattern": "[A-Z]{2}"
    },
    "postcodePattern": {
      "minLength": 1,
      "maxLength": 200
    },
    "regions.*.name": {
      "minLength": 1,
      "maxLength": 60
    },
    "regions.*.cities.*": {
      "minLength": 1,
      "maxLength": 60
    },
    "taxRates.delivery": {
      "minimum": 0,
      "maximum": 10000
    },
    "taxRates.platformFee": {
      "minimum": 0,
      "maximum": 10000
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "NotificationProfileChange": {
    "email": {
      "maxLength": 254
    }
  },
  "notifications GET /admin/audit query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "targetType": {
      "minLength": 1,
      "maxLength": 40
    },
    "targetId": {
      "minLength": 1,
      "maxLength": 200
    },
    "action": {
      "maxLength": 400,
      "pattern": "[a-z][a-z_]*\\.[a-z][a-z_.]*(,[a-z][a-z_]*\\.[a-z][a-z_.]*){0,9}"
    },
    "actorId": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "notifications GET /admin/dead-letters query": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "limit": {
      "minimum": 1,
      "maximum": 500
    }
  },
  "notifications GET /me/notifications query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "notifications PATCH /me/profile": {
    "email": {
      "maxLength": 254
    }
  },
  "notifications POST /admin/dead-letters/replay": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "partition": {
      "minimum": 0
    },
    "offset": {
      "pattern": "\\d+"
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "orders GET /admin/audit query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "targetType": {
      "minLength": 1,
      "maxLength": 40
    },
    "targetId": {
      "minLength": 1,
      "maxLength": 200
    },
    "action": {
      "maxLength": 400,
      "pattern": "[a-z][a-z_]*\\.[a-z][a-z_.]*(,[a-z][a-z_]*\\.[a-z][a-z_.]*){0,9}"
    },
    "actorId": {
      "minLength": 1,
      "maxLength": 200
    }
  },
  "orders GET /admin/dead-letters query": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "limit": {
      "minimum": 1,
      "maximum": 500
    }
  },
  "orders GET /admin/figures query": {
    "days": {
      "minimum": 1,
      "maximum": 92
    }
  },
  "orders GET /admin/orders query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "buyerId": {
      "minLength": 1,
      "maxLength": 64
    },
    "buyerName": {
      "minLength": 2,
      "maxLength": 100
    },
    "farmId": {
      "minLength": 1,
      "maxLength": 64
    },
    "orderId": {
      "minLength": 2,
      "maxLength": 100,
      "pattern": "[A-Za-z0-9_\\-]+"
    }
  },
  "orders GET /admin/orders/stuck query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    },
    "olderThanMinutes": {
      "minimum": 1,
      "maximum": 43200
    }
  },
  "orders GET /delivery/options query": {
    "postalCode": {
      "minLength": 4,
      "maxLength": 20
    },
    "market": {
      "pattern": "[a-z]{2,8}"
    }
  },
  "orders GET /farms/{farmId}/orders query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "orders GET /farms/{farmId}/payouts query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "orders GET /farms/{farmId}/report.csv query": {
    "month": {
      "pattern": "2\\d{3}-(0[1-9]|1[0-2])"
    }
  },
  "orders GET /farms/{farmId}/report.pdf query": {
    "month": {
      "pattern": "2\\d{3}-(0[1-9]|1[0-2])"
    }
  },
  "orders GET /orders query": {
    "cursor": {
      "minLength": 1,
      "maxLength": 500
    },
    "limit": {
      "minimum": 1,
      "maximum": 100
    }
  },
  "orders GET /orders/{orderId}/credit-note.pdf query": {
    "refund": {
      "minimum": 0,
      "maximum": 100
    }
  },
  "orders POST /admin/dead-letters/replay": {
    "topic": {
      "minLength": 1,
      "maxLength": 200
    },
    "partition": {
      "minimum": 0
    },
    "offset": {
      "pattern": "\\d+"
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "orders POST /admin/farms/{farmId}/payouts/totals/reconcile": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "orders POST /admin/orders/{orderId}/refunds": {
    "amountMinor": {
      "maximum": 100000000
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "orders POST /orders": {
    "lines.*.listingId": {
      "minLength": 1,
      "maxLength": 64
    },
    "lines.*.quantity": {
      "maximum": 10000
    },
    "deliveryAddress.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "deliveryAddress.line2": {
      "maxLength": 200
    },
    "deliveryAddress.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "deliveryAddress.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "deliveryAddress.country": {
      "pattern": "[A-Z]{2}"
    },
    "deliveryAddress.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "deliveryAddress.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "contact.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "contact.phone": {
      "pattern": "\\+?[0-9 \\(\\)\\-]{6,20}"
    },
    "delivery.pickupPointId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "orders POST /orders/{orderId}/cancel": {
    "reason": {
      "minLength": 1,
      "maxLength": 500
    }
  },
  "orders POST /orders/quote": {
    "lines.*.listingId": {
      "minLength": 1,
      "maxLength": 64
    },
    "lines.*.quantity": {
      "maximum": 10000
    },
    "deliveryAddress.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "deliveryAddress.line2": {
      "maxLength": 200
    },
    "deliveryAddress.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "deliveryAddress.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "deliveryAddress.country": {
      "pattern": "[A-Z]{2}"
    },
    "deliveryAddress.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "deliveryAddress.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "contact.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "contact.phone": {
      "pattern": "\\+?[0-9 \\(\\)\\-]{6,20}"
    },
    "delivery.pickupPointId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "orders PUT /admin/delivery/regions/{region}": {
    "version": {
      "minimum": 0
    },
    "market": {
      "pattern": "[a-z]{2,8}"
    },
    "timeZone": {
      "minLength": 1,
      "maxLength": 64
    },
    "rules.*.weekday": {
      "minimum": 1,
      "maximum": 7
    },
    "rules.*.cutoffTime": {
      "pattern": "([01]\\d|2[0-3]):[0-5]\\d"
    },
    "pickupPoints.*.pickupPointId": {
      "minLength": 1,
      "maxLength": 64
    },
    "pickupPoints.*.name": {
      "minLength": 1,
      "maxLength": 120
    },
    "pickupPoints.*.address.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "pickupPoints.*.address.line2": {
      "maxLength": 200
    },
    "pickupPoints.*.address.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "pickupPoints.*.address.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "pickupPoints.*.address.country": {
      "pattern": "[A-Z]{2}"
    },
    "pickupPoints.*.address.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "pickupPoints.*.address.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "pickupPoints.*.opens": {
      "pattern": "([01]\\d|2[0-3]):[0-5]\\d"
    },
    "pickupPoints.*.closes": {
      "pattern": "([01]\\d|2[0-3]):[0-5]\\d"
    },
    "pickupPoints.*.feeMinor": {
      "maximum": 100000
    },
    "zones.*.zoneId": {
      "minLength": 1,
      "maxLength": 64
    },
    "zones.*.name": {
      "minLength": 1,
      "maxLength": 120
    },
    "zones.*.postcodes.*.*": {
      "minimum": 0,
      "maximum": 999999
    },
    "zones.*.feeMinor": {
      "maximum": 100000
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "orders PUT /admin/markets/{code}": {
    "version": {
      "minimum": 0
    },
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "currency.code": {
      "pattern": "[A-Z]{3}"
    },
    "currency.minorDigits": {
      "minimum": 0,
      "maximum": 4
    },
    "languages.*": {
      "minLength": 2,
      "maxLength": 35
    },
    "timeZone": {
      "minLength": 1,
      "maxLength": 64
    },
    "country": {
      "pattern": "[A-Z]{2}"
    },
    "postcodePattern": {
      "minLength": 1,
      "maxLength": 200
    },
    "regions.*.name": {
      "minLength": 1,
      "maxLength": 60
    },
    "regions.*.cities.*": {
      "minLength": 1,
      "maxLength": 60
    },
    "taxRates.delivery": {
      "minimum": 0,
      "maximum": 10000
    },
    "taxRates.platformFee": {
      "minimum": 0,
      "maximum": 10000
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "orders PUT /orders/{orderId}/company": {
    "name": {
      "minLength": 2,
      "maxLength": 200
    },
    "address.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "address.line2": {
      "maxLength": 200
    },
    "address.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "address.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "address.country": {
      "pattern": "[A-Z]{2}"
    },
    "vatId": {
      "maxLength": 40
    }
  },
  "PartnerApplication": {
    "name": {
      "minLength": 1,
      "maxLength": 120
    },
    "regions.*": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "PartnerInvite": {
    "email": {
      "maxLength": 254
    },
    "regions.*": {
      "minLength": 1,
      "maxLength": 60
    }
  },
  "PartnerReasonInput": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "PasswordChange": {
    "currentPassword": {
      "minLength": 1,
      "maxLength": 128
    },
    "newPassword": {
      "minLength": 10,
      "maxLength": 128
    }
  },
  "PasswordReset": {
    "token": {
      "minLength": 10,
      "maxLength": 200
    },
    "newPassword": {
      "minLength": 10,
      "maxLength": 128
    }
  },
  "PasswordResetRequest": {
    "email": {
      "maxLength": 254
    }
  },
  "PlaceOrderInput": {
    "lines.*.listingId": {
      "minLength": 1,
      "maxLength": 64
    },
    "lines.*.quantity": {
      "maximum": 10000
    },
    "deliveryAddress.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "deliveryAddress.line2": {
      "maxLength": 200
    },
    "deliveryAddress.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "deliveryAddress.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "deliveryAddress.country": {
      "pattern": "[A-Z]{2}"
    },
    "deliveryAddress.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "deliveryAddress.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "contact.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "contact.phone": {
      "pattern": "\\+?[0-9 \\(\\)\\-]{6,20}"
    },
    "delivery.pickupPointId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "QuoteInput": {
    "lines.*.listingId": {
      "minLength": 1,
      "maxLength": 64
    },
    "lines.*.quantity": {
      "maximum": 10000
    },
    "deliveryAddress.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "deliveryAddress.line2": {
      "maxLength": 200
    },
    "deliveryAddress.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "deliveryAddress.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "deliveryAddress.country": {
      "pattern": "[A-Z]{2}"
    },
    "deliveryAddress.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "deliveryAddress.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "contact.name": {
      "minLength": 1,
      "maxLength": 100
    },
    "contact.phone": {
      "pattern": "\\+?[0-9 \\(\\)\\-]{6,20}"
    },
    "delivery.pickupPointId": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "ReconcileInput": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "RefundInput": {
    "amountMinor": {
      "maximum": 100000000
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "RegionOfferInput": {
    "version": {
      "minimum": 0
    },
    "market": {
      "pattern": "[a-z]{2,8}"
    },
    "timeZone": {
      "minLength": 1,
      "maxLength": 64
    },
    "rules.*.weekday": {
      "minimum": 1,
      "maximum": 7
    },
    "rules.*.cutoffTime": {
      "pattern": "([01]\\d|2[0-3]):[0-5]\\d"
    },
    "pickupPoints.*.pickupPointId": {
      "minLength": 1,
      "maxLength": 64
    },
    "pickupPoints.*.name": {
      "minLength": 1,
      "maxLength": 120
    },
    "pickupPoints.*.address.line1": {
      "minLength": 1,
      "maxLength": 200
    },
    "pickupPoints.*.address.line2": {
      "maxLength": 200
    },
    "pickupPoints.*.address.city": {
      "minLength": 1,
      "maxLength": 100
    },
    "pickupPoints.*.address.postalCode": {
      "minLength": 1,
      "maxLength": 20
    },
    "pickupPoints.*.address.country": {
      "pattern": "[A-Z]{2}"
    },
    "pickupPoints.*.address.geo.lat": {
      "minimum": -90,
      "maximum": 90
    },
    "pickupPoints.*.address.geo.lng": {
      "minimum": -180,
      "maximum": 180
    },
    "pickupPoints.*.opens": {
      "pattern": "([01]\\d|2[0-3]):[0-5]\\d"
    },
    "pickupPoints.*.closes": {
      "pattern": "([01]\\d|2[0-3]):[0-5]\\d"
    },
    "pickupPoints.*.feeMinor": {
      "maximum": 100000
    },
    "zones.*.zoneId": {
      "minLength": 1,
      "maxLength": 64
    },
    "zones.*.name": {
      "minLength": 1,
      "maxLength": 120
    },
    "zones.*.postcodes.*.*": {
      "minimum": 0,
      "maximum": 999999
    },
    "zones.*.feeMinor": {
      "maximum": 100000
    },
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "SessionRevoke": {
    "id": {
      "minLength": 1,
      "maxLength": 64
    }
  },
  "SignIn": {
    "email": {
      "maxLength": 254
    },
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "SignUp": {
    "name": {
      "minLength": 1,
      "maxLength": 100
    },
    "email": {
      "maxLength": 254
    },
    "password": {
      "minLength": 10,
      "maxLength": 128
    }
  },
  "SuspendInput": {
    "reason": {
      "minLength": 3,
      "maxLength": 500
    }
  },
  "TotpCode": {
    "code": {
      "pattern": "\\d{6}"
    }
  },
  "TotpDisable": {
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "TotpEnable": {
    "password": {
      "minLength": 1,
      "maxLength": 128
    }
  },
  "VerificationResend": {
    "email": {
      "maxLength": 254
    }
  }
} as const;
