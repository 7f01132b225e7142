"""Analysis of finished tables: conventions side by side (`compare`, `themes`), scores against gold (`evaluate`)."""
